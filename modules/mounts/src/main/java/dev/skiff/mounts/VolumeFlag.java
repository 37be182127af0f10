package dev.skiff.mounts;

import java.util.ArrayList;
import java.util.List;

/** The parser of {@code -v/--volume HOST:CONTAINER[:OPTIONS]} (see {@link VolumeSpec#parseVolume}). */
final class VolumeFlag {
    private VolumeFlag() {}

    static BindVolume parse(String spec) throws MountException {
        VolumeOptions options = new VolumeOptions("volume", spec);
        if (spec.isEmpty()) {
            throw options.invalid("empty value, expected HOST:CONTAINER[:OPTIONS]");
        }
        List<String> parts = splitColons(spec);
        if (parts.size() < 2) {
            throw options.invalid("expected HOST:CONTAINER[:OPTIONS]");
        }
        if (parts.size() > 3) {
            throw options.invalid("too many `:` (write a `:` in the host path as `\\:`, or use --mount)");
        }
        if (parts.get(0).isEmpty()) {
            throw options.invalid("empty host path");
        }
        String destination = options.destination(parts.get(1));
        if (parts.size() == 3) {
            if (parts.get(2).isEmpty()) {
                throw options.invalid("empty options after the last `:`");
            }
            for (String option : parts.get(2).split(",", -1)) {
                options.addVolumeOption(option);
            }
        }
        // Last: the only check that looks at the host.
        return options.bind(parts.get(0), destination);
    }

    /**
     * Splits at each {@code :} not written {@code \:}; an escaped colon becomes a plain one
     * (buildah's SplitStringWithColonEscape). Empty parts are kept so they can be reported.
     */
    static List<String> splitColons(String spec) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '\\' && i + 1 < spec.length() && spec.charAt(i + 1) == ':') {
                part.append(':');
                i++;
            } else if (c == ':') {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }
}
