package dev.skiff.network;

import java.util.Optional;

/**
 * The error object a plugin prints on stdout when it exits non-zero:
 * {@code {"cniVersion", "code", "msg", "details"}}.
 */
public record CniError(String cniVersion, int code, String msg, String details) {

    /** Reads an error object; empty when the text is not one (then the raw output is the message). */
    public static Optional<CniError> parse(String text) {
        try {
            JsonObject o = Json.parseObject(text, "");
            Optional<Integer> code = o.optInt("code");
            Optional<String> msg = o.optString("msg");
            if (code.isEmpty() && msg.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new CniError(o.optString("cniVersion").orElse(""), code.orElse(0),
                    msg.orElse(""), o.optString("details").orElse("")));
        } catch (JsonShapeException e) {
            return Optional.empty();
        }
    }

    /** What the spec's well-known codes mean; empty for a plugin's own codes (100+). */
    public Optional<String> wellKnownMeaning() {
        return Optional.ofNullable(switch (code) {
            case 1 -> "incompatible CNI version";
            case 2 -> "unsupported field in network configuration";
            case 3 -> "container unknown or does not exist";
            case 4 -> "invalid necessary environment variables";
            case 5 -> "I/O failure";
            case 6 -> "failed to decode content";
            case 7 -> "invalid network config";
            case 11 -> "try again later";
            default -> null;
        });
    }

    /** {@code msg: details (code 7, invalid network config)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(msg.isEmpty() ? "plugin error" : msg);
        if (!details.isEmpty()) {
            sb.append(": ").append(details);
        }
        sb.append(" (code ").append(code);
        wellKnownMeaning().ifPresent(m -> sb.append(", ").append(m));
        return sb.append(')').toString();
    }
}
