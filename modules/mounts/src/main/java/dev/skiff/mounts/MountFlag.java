package dev.skiff.mounts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parser of {@code --mount type=bind|tmpfs,...} (see {@link VolumeSpec#parseMount}).
 * Keys are Docker's and buildah's; a key given twice, a key of the other type, or a
 * value where none belongs is an error rather than silently "last wins".
 */
final class MountFlag {
    /** Aliases, to their canonical key (so {@code src=a,source=b} is a repeat). */
    private static final Map<String, String> ALIASES = Map.of(
            "src", "source",
            "dst", "destination",
            "target", "destination",
            "readonly", "ro",
            "readwrite", "rw");
    private static final Set<String> BIND_ONLY = Set.of(
            "source", "bind-propagation", "bind-nonrecursive", "relabel", "z", "Z", "consistency");
    private static final Set<String> TMPFS_ONLY = Set.of("tmpfs-size", "tmpfs-mode");

    private final VolumeOptions options;
    private final Map<String, String> values = new HashMap<>();

    private MountFlag(String spec) {
        this.options = new VolumeOptions("mount", spec);
    }

    static VolumeSpec parse(String spec) throws MountException {
        return new MountFlag(spec).run(spec);
    }

    private VolumeSpec run(String spec) throws MountException {
        if (spec.isEmpty()) {
            throw options.invalid("empty value, expected type=bind|tmpfs,...");
        }
        List<String> items = List.of(spec.split(",", -1));
        String type = type(items);
        for (String item : items) {
            add(type, item);
        }
        String destination = values.get("destination");
        if (destination == null) {
            throw options.invalid("no destination (give destination=, dst= or target=)");
        }
        destination = options.destination(destination);
        return type.equals("bind") ? bind(destination) : tmpfs(destination);
    }

    private String type(List<String> items) throws MountException {
        String type = null;
        for (String item : items) {
            if (item.startsWith("type=")) {
                if (type != null) {
                    throw options.invalid("option `type` given twice");
                }
                type = item.substring("type=".length());
            }
        }
        if (type == null) {
            throw options.invalid("no type (give type=bind or type=tmpfs)");
        }
        if (!type.equals("bind") && !type.equals("tmpfs")) {
            throw options.invalid("type `" + type + "` is not supported (bind and tmpfs are)");
        }
        return type;
    }

    private void add(String type, String item) throws MountException {
        if (item.isEmpty()) {
            throw options.invalid("empty option (two commas, or a comma at either end)");
        }
        int eq = item.indexOf('=');
        String given = eq < 0 ? item : item.substring(0, eq);
        String value = eq < 0 ? null : item.substring(eq + 1);
        String key = ALIASES.getOrDefault(given, given);
        if (key.equals("type")) {
            return;
        }
        if ((type.equals("tmpfs") && BIND_ONLY.contains(key)) || (type.equals("bind") && TMPFS_ONLY.contains(key))) {
            throw options.invalid("option `" + given + "` does not apply to type=" + type);
        }
        apply(key, given, value);
    }

    private void apply(String key, String given, String value) throws MountException {
        switch (key) {
            case "source", "destination", "tmpfs-size", "tmpfs-mode" -> keep(key, given, value);
            case "ro" -> options.readOnly(readOnlyValue(given, value), given);
            case "rw" -> options.readOnly(false, noValue(given, value));
            case "bind-propagation" -> options.propagation(
                    Propagation.of(required(given, value)).orElseThrow(
                            () -> options.invalid("unknown propagation `" + value + "`")), given);
            case "bind-nonrecursive" -> options.recursive(false, noValue(given, value));
            case "relabel" -> relabel(given, value);
            case "z" -> options.relabel(Relabel.SHARED, noValue(given, value));
            case "Z" -> options.relabel(Relabel.PRIVATE, noValue(given, value));
            // A Docker-for-Mac hint with no meaning on Linux.
            case "consistency" -> required(given, value);
            default -> flag(given, value);
        }
    }

    /** {@code nosuid} and the like; anything else is unknown. */
    private void flag(String given, String value) throws MountException {
        boolean known = given.matches("(no)?(suid|dev|exec)");
        if (!known) {
            throw options.unknown(given);
        }
        options.flag(noValue(given, value));
    }

    private void keep(String key, String given, String value) throws MountException {
        required(given, value);
        if (values.putIfAbsent(key, value) != null) {
            throw options.invalid("option `" + key + "` given twice");
        }
    }

    private String required(String given, String value) throws MountException {
        if (value == null || value.isEmpty()) {
            throw options.invalid("option `" + given + "` needs a value (`" + given + "=...`)");
        }
        return value;
    }

    private String noValue(String given, String value) throws MountException {
        if (value != null) {
            throw options.invalid("option `" + given + "` takes no value");
        }
        return given;
    }

    /** {@code ro}, {@code readonly}, or Docker's {@code readonly=true|false|1|0}. */
    private boolean readOnlyValue(String given, String value) throws MountException {
        if (value == null || value.equals("true") || value.equals("1")) {
            return true;
        }
        if (value.equals("false") || value.equals("0")) {
            return false;
        }
        throw options.invalid("option `" + given + "` takes true or false, not `" + value + "`");
    }

    private void relabel(String given, String value) throws MountException {
        switch (required(given, value)) {
            case "shared" -> options.relabel(Relabel.SHARED, given);
            case "private" -> options.relabel(Relabel.PRIVATE, given);
            default -> throw options.invalid("option `relabel` takes shared or private, not `" + value + "`");
        }
    }

    private BindVolume bind(String destination) throws MountException {
        String source = values.get("source");
        if (source == null) {
            throw options.invalid("no source (give source= or src=)");
        }
        return options.bind(source, destination);
    }

    private TmpfsVolume tmpfs(String destination) throws MountException {
        String size = values.get("tmpfs-size");
        if (size != null && !TmpfsSize.isValid(size)) {
            throw options.invalid(TmpfsSize.problem(size));
        }
        String mode = values.get("tmpfs-mode");
        if (mode != null && !mode.matches("[0-7]{1,5}")) {
            throw options.invalid("tmpfs-mode `" + mode + "` is not an octal mode such as 1777");
        }
        Integer modeValue = mode == null ? null : Integer.parseInt(mode, 8);
        if (modeValue != null && modeValue > 07777) {
            throw options.invalid("tmpfs-mode `" + mode + "` is beyond 7777");
        }
        return options.tmpfs(destination, size, modeValue);
    }
}
