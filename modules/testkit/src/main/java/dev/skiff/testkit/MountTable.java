package dev.skiff.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The mounts of this process's mount namespace (the host's, for the tests), from /proc/self/mountinfo. */
public final class MountTable {
    private MountTable() {}

    /** One line: where, what is mounted there (its root in its file system), and the file system type. */
    public record Mount(Path point, String root, String type) {}

    public static List<Mount> read() throws IOException {
        List<Mount> mounts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            mounts.add(new Mount(Path.of(unescape(f[4])), unescape(f[3]), f[dash + 1]));
        }
        return mounts;
    }

    /** Mount points at or under any of {@code dirs}: what a run left mounted there. */
    public static List<Path> under(Path... dirs) throws IOException {
        return read().stream().map(Mount::point).filter(p -> List.of(dirs).stream().anyMatch(p::startsWith)).toList();
    }

    /** mountinfo writes space, tab, newline and backslash as {@code \ooo}. */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
