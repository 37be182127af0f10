package dev.skiff.mounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rootfs's /etc/passwd and /etc/group, read through {@link RootfsAccess} (so an
 * image's /etc/passwd symlinked to the host's is read from inside the image) and parsed
 * as nss_files does: the first matching entry wins; blank lines, comments and malformed
 * entries are skipped rather than ending the scan (buildah's parser stops at the first
 * malformed line; glibc does not).
 */
final class UserDatabase {
    record PasswdEntry(String name, long uid, long gid, String home) {}

    record GroupEntry(String name, long gid, List<String> members) {}

    private final RootfsAccess rootfs;
    private Optional<List<PasswdEntry>> passwd;
    private Optional<List<GroupEntry>> group;

    UserDatabase(RootfsAccess rootfs) {
        this.rootfs = rootfs;
    }

    /** The entries of /etc/passwd; empty if the rootfs has none. */
    Optional<List<PasswdEntry>> passwd() throws IOException {
        if (passwd == null) {
            passwd = read("/etc/passwd", UserDatabase::parsePasswd);
        }
        return passwd;
    }

    /** The entries of /etc/group; empty if the rootfs has none. */
    Optional<List<GroupEntry>> group() throws IOException {
        if (group == null) {
            group = read("/etc/group", UserDatabase::parseGroup);
        }
        return group;
    }

    private <T> Optional<List<T>> read(String file, Function<String, List<T>> parser) throws IOException {
        try {
            return Optional.of(parser.apply(new String(rootfs.readFile(file), StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    static List<PasswdEntry> parsePasswd(String text) {
        List<PasswdEntry> entries = new ArrayList<>();
        for (String[] f : records(text, 7)) {
            long uid = Ids.parseOrNegative(f[2]);
            long gid = Ids.parseOrNegative(f[3]);
            if (!f[0].isEmpty() && uid >= 0 && gid >= 0) {
                entries.add(new PasswdEntry(f[0], uid, gid, f[5]));
            }
        }
        return List.copyOf(entries);
    }

    static List<GroupEntry> parseGroup(String text) {
        List<GroupEntry> entries = new ArrayList<>();
        for (String[] f : records(text, 4)) {
            long gid = Ids.parseOrNegative(f[2]);
            if (!f[0].isEmpty() && gid >= 0) {
                entries.add(new GroupEntry(f[0], gid, members(f[3])));
            }
        }
        return List.copyOf(entries);
    }

    /** The colon-separated records with exactly {@code fields} fields. */
    private static List<String[]> records(String text, int fields) {
        List<String[]> records = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            // '#' comments (FreeBSD-style files); '+'/'-' are NIS compat entries, not users.
            if (trimmed.isEmpty() || "#+-".indexOf(trimmed.charAt(0)) >= 0) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length == fields) {
                records.add(f);
            }
        }
        return records;
    }

    private static List<String> members(String field) {
        return Arrays.stream(field.split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
    }
}
