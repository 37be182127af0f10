package dev.skiff.spec;

import java.util.List;

/**
 * {@code process.user}. IDs are Go {@code uint32} values, held in a {@code long} so the whole
 * range fits; {@code uid} and {@code gid} are always printed, as the spec requires.
 *
 * @param umask null when not set
 * @param username Windows only
 */
public record User(long uid, long gid, Long umask, List<Long> additionalGids, String username) {
    /** uid 0, gid 0: what runtime-tools generates. */
    public static final User ROOT = new User(0, 0, null, List.of(), null);

    public User {
        Copies.uint32(uid, "uid");
        Copies.uint32(gid, "gid");
        Copies.uint32(umask, "umask");
        additionalGids = Copies.list(additionalGids);
        additionalGids.forEach(id -> Copies.uint32(id, "additionalGids"));
    }

    public static User of(long uid, long gid) {
        return new User(uid, gid, null, List.of(), null);
    }

    public User withUmask(Long umask) {
        return new User(uid, gid, umask, additionalGids, username);
    }

    public User withAdditionalGids(List<Long> additionalGids) {
        return new User(uid, gid, umask, additionalGids, username);
    }
}
