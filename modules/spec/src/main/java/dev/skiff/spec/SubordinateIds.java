package dev.skiff.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ranges of {@code /etc/subuid} and {@code /etc/subgid} (shadow's {@code subid(5)}): lines of
 * {@code USER:START:COUNT}, where USER is a login name or a numeric uid. These are the IDs that
 * the set-uid helpers {@code newuidmap}/{@code newgidmap} let a user map into a user namespace
 * it owns. A user may have several lines; malformed lines are skipped, as shadow skips them.
 */
public final class SubordinateIds {
    /** The files shadow reads; an absent file means no ranges. */
    public static final Path SUBUID = Path.of("/etc/subuid");
    public static final Path SUBGID = Path.of("/etc/subgid");

    /** One line's range: host IDs {@code start .. start+count-1}. */
    public record Range(long start, long count) {
        public Range {
            if (start < 0 || count < 1 || start + count - 1 > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("subordinate range " + start + ":" + count + " is out of range");
            }
        }
    }

    private SubordinateIds() {}

    /** The ranges of {@code file} for this user, in file order; empty when the file is missing. */
    public static List<Range> read(Path file, String user, long id) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return parse(ProcFiles.read(file, "subordinate ID file"), user, id);
    }

    /** The ranges for {@code user} (matched by name or by its numeric {@code id}). */
    static List<Range> parse(String text, String user, long id) {
        List<Range> ranges = new ArrayList<>();
        String numeric = Long.toString(id);
        for (String line : text.split("\n")) {
            String[] f = line.strip().split(":");
            if (f.length != 3 || !(f[0].equals(user) || f[0].equals(numeric))) {
                continue;
            }
            try {
                ranges.add(new Range(Long.parseLong(f[1]), Long.parseLong(f[2])));
            } catch (IllegalArgumentException malformed) {
                // skipped, as shadow's subid parser does
            }
        }
        return List.copyOf(ranges);
    }
}
