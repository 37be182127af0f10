package dev.skiff.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** User-namespace ID maps: the {@code --uidmap}/{@code --gidmap} syntax and the kernel's map files. */
public final class IdMaps {
    private static final Pattern PROC_USER_NS = Pattern.compile("/proc/(\\d+)/ns/user");

    private IdMaps() {}

    /**
     * {@code CONTAINER:HOST:SIZE}, or several such triples chained with colons
     * ({@code 0:1000:1:1:100000:65536}), as containers/storage's {@code ParseIDMap} reads them.
     * IDs are unsigned 32-bit; a size must be at least 1 and a range must end by 4294967295.
     *
     * @param subject what the map is for, used in the error ({@code uidmap}, {@code --gidmap})
     */
    public static List<IdMapping> parse(String subject, String value) {
        String[] fields = value.split(":", -1);
        if (value.isEmpty() || fields.length % 3 != 0) {
            throw new SpecException(subject, value, "expected CONTAINER:HOST:SIZE");
        }
        List<IdMapping> mappings = new ArrayList<>();
        for (int i = 0; i < fields.length; i += 3) {
            long container = id(subject, value, "container ID", fields[i]);
            long host = id(subject, value, "host ID", fields[i + 1]);
            long size = id(subject, value, "size", fields[i + 2]);
            if (size == 0) {
                throw new SpecException(subject, value, "size must be at least 1");
            }
            // The kernel refuses a range whose end overflows 32 bits: 4294967295 is (uid_t) -1.
            if (container + size > 0xFFFF_FFFFL || host + size > 0xFFFF_FFFFL) {
                throw new SpecException(subject, value, "ID + size must not exceed 4294967295");
            }
            mappings.add(new IdMapping(container, host, size));
        }
        return List.copyOf(mappings);
    }

    /**
     * The kernel's {@code /proc/PID/uid_map} format: lines of {@code inside outside count}. For
     * this process's own maps the {@code inside} column holds the IDs it can use.
     */
    public static List<IdMapping> readProcMap(Path file) {
        String text = ProcFiles.read(file, "ID map");
        List<IdMapping> mappings = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3) {
                mappings.add(new IdMapping(
                        id("ID map", file.toString(), "inside", f[0]),
                        id("ID map", file.toString(), "outside", f[1]),
                        id("ID map", file.toString(), "count", f[2])));
            } else if (!line.isBlank()) {
                throw new SpecException("ID map", file.toString(), "malformed line `" + line + "`");
            }
        }
        return List.copyOf(mappings);
    }

    /**
     * The maps of the user namespace at {@code nsPath}, which must be a {@code /proc/PID/ns/user}
     * path: the kernel shows them beside it, in {@code /proc/PID/uid_map}, as this process sees them.
     *
     * @param file {@code uid_map} or {@code gid_map}
     */
    public static List<IdMapping> ofJoinedNamespace(String nsPath, String file) {
        Matcher m = PROC_USER_NS.matcher(nsPath);
        if (!m.matches()) {
            throw new SpecException("user namespace", nsPath,
                    "a rootless run joins a user namespace only as /proc/PID/ns/user, whose maps it can read");
        }
        return readProcMap(Path.of("/proc", m.group(1), file));
    }


    private static long id(String subject, String value, String what, String text) {
        try {
            long id = Long.parseLong(text);
            if (id >= 0 && id <= 0xFFFF_FFFFL) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below, with the same words as a number out of range
        }
        throw new SpecException(subject, value, what + " `" + text + "` is not a number from 0 to 4294967295");
    }
}
