package dev.skiff.mounts;

/** User and group ids: unsigned 32-bit decimal numbers, as uid_t and gid_t are. */
final class Ids {
    /**
     * The largest usable id. 4294967295 is (uid_t) -1, which setresuid(2) and chown(2)
     * read as "leave unchanged", so it cannot name a user.
     */
    static final long MAX = 0xffff_fffeL;

    private Ids() {}

    /** Whether {@code s} is written as an id: ASCII digits only (no sign, no spaces). */
    static boolean isNumeric(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The id {@code s} denotes, or -1 if it is not numeric or out of range. */
    static long parseOrNegative(String s) {
        if (!isNumeric(s) || s.length() > 10) {
            return -1;
        }
        long id = Long.parseLong(s);
        return id <= MAX ? id : -1;
    }
}
