package dev.skiff.mounts;

import dev.skiff.mounts.UserDatabase.GroupEntry;
import dev.skiff.mounts.UserDatabase.PasswdEntry;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * The value of {@code -u/--user} (or an image's {@code User}): {@code user[:group]}, each
 * part a decimal id or a name. {@link #resolve} turns it into a {@link ContainerUser}
 * with the rootfs's /etc/passwd and /etc/group, following buildah's
 * {@code chrootuser.GetUser} and {@code configureUIDGID}:
 * <ul>
 *   <li>a name must have an entry in /etc/passwd (a group name in /etc/group);
 *   <li>a numeric uid with no passwd entry runs with gid 0 and home "/" (buildah);
 *   <li>the additional gids are the primary gid, then, only when no group was given, every
 *       group in /etc/group that lists the user's name as a member (buildah matches
 *       members by substring, so "bin" matched "sbin"; here the name must match exactly).
 * </ul>
 *
 * @param user  a uid or user name
 * @param group a gid or group name, or null when the spec has none
 */
public record UserSpec(String user, String group) {
    /** What an empty spec means: root, as in buildah. */
    public static final UserSpec ROOT = new UserSpec("0", null);

    public UserSpec {
        checkPart("user", user);
        if (group != null) {
            checkPart("group", group);
        }
    }

    /**
     * Parses {@code user[:group]}. An empty spec is {@link #ROOT}. Malformed: an empty
     * part around the colon, more than one colon, whitespace or control characters, and
     * numbers beyond the largest id; they throw {@link IllegalArgumentException}.
     */
    public static UserSpec parse(String spec) {
        if (spec.isEmpty()) {
            return ROOT;
        }
        String[] parts = spec.split(":", -1);
        if (parts.length > 2) {
            throw malformed(spec, "more than one `:`");
        }
        try {
            return new UserSpec(parts[0], parts.length == 2 ? parts[1] : null);
        } catch (IllegalArgumentException e) {
            throw malformed(spec, e.getMessage());
        }
    }

    private static void checkPart(String what, String part) {
        if (part.isEmpty()) {
            throw new IllegalArgumentException("empty " + what);
        }
        if (part.chars().anyMatch(c -> c <= ' ' || c == ':' || c == 0x7f)) {
            throw new IllegalArgumentException(what + " `" + part + "` contains `:`, whitespace or a control character");
        }
        if (Ids.isNumeric(part) && Ids.parseOrNegative(part) < 0) {
            throw new IllegalArgumentException(what + " id " + part + " is out of range (0-" + Ids.MAX + ")");
        }
    }

    private static IllegalArgumentException malformed(String spec, String why) {
        return new IllegalArgumentException("malformed user spec `" + spec + "` (want user[:group]): " + why);
    }

    /** Resolves names and the primary and supplementary groups in the rootfs's own files. */
    public ContainerUser resolve(RootfsAccess rootfs) throws IOException {
        UserDatabase db = new UserDatabase(rootfs);
        Optional<PasswdEntry> entry = passwdEntry(db, rootfs);
        long uid = entry.map(PasswdEntry::uid).orElseGet(() -> Ids.parseOrNegative(user));
        // buildah: a uid without a passwd entry gets gid 0 rather than an error.
        long gid = group == null ? entry.map(PasswdEntry::gid).orElse(0L) : groupId(db, rootfs);
        String home = entry.map(PasswdEntry::home).filter(h -> !h.isEmpty()).orElse("/");
        SequencedSet<Long> gids = new LinkedHashSet<>();
        gids.add(gid);
        if (group == null && entry.isPresent()) {
            gids.addAll(memberGroups(db, entry.get().name()));
        }
        return new ContainerUser(uid, gid, List.copyOf(gids), home);
    }

    /** The passwd entry: by name (required), or by uid (optional). */
    private Optional<PasswdEntry> passwdEntry(UserDatabase db, RootfsAccess rootfs) throws IOException {
        Optional<List<PasswdEntry>> passwd = db.passwd();
        if (Ids.isNumeric(user)) {
            long uid = Ids.parseOrNegative(user);
            return passwd.flatMap(all -> all.stream().filter(e -> e.uid() == uid).findFirst());
        }
        if (passwd.isEmpty()) {
            throw UnknownUserException.user(this, rootfs.rootfs(), true);
        }
        return Optional.of(passwd.get().stream().filter(e -> e.name().equals(user)).findFirst()
                .orElseThrow(() -> UnknownUserException.user(this, rootfs.rootfs(), false)));
    }

    private long groupId(UserDatabase db, RootfsAccess rootfs) throws IOException {
        if (Ids.isNumeric(group)) {
            return Ids.parseOrNegative(group);
        }
        Optional<List<GroupEntry>> groups = db.group();
        if (groups.isEmpty()) {
            throw UnknownUserException.group(this, rootfs.rootfs(), true);
        }
        return groups.get().stream().filter(g -> g.name().equals(group)).findFirst()
                .orElseThrow(() -> UnknownUserException.group(this, rootfs.rootfs(), false)).gid();
    }

    /** The gids of the groups listing {@code name} as a member; none if there is no /etc/group. */
    private static List<Long> memberGroups(UserDatabase db, String name) throws IOException {
        return db.group().orElse(List.of()).stream()
                .filter(g -> g.members().contains(name))
                .map(GroupEntry::gid)
                .toList();
    }

    /** The spec as written: {@code user[:group]}. */
    @Override
    public String toString() {
        return group == null ? user : user + ":" + group;
    }
}
