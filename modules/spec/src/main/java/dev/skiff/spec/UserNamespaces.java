package dev.skiff.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a user namespace with explicit mappings, and a rootless run, change in the rest of the
 * spec. Each rule turns what would be a late, terse runtime error into either a fitting spec
 * or a clear error before anything is created.
 */
final class UserNamespaces {
    private UserNamespaces() {}

    /**
     * The process's uid, gid and groups must have a mapping: otherwise the kernel cannot switch
     * to them and runc fails with "cannot set uid to unmapped user" after the container exists.
     */
    static void checkMapped(User user, List<IdMapping> uids, List<IdMapping> gids) {
        if (uids.isEmpty()) {
            return; // no user namespace, or one joined as root without maps: nothing to check against
        }
        String who = user.uid() + ":" + user.gid();
        if (!maps(uids, user.uid())) {
            throw new SpecException("user", who, "uid " + user.uid() + " is not mapped in the container's user "
                    + "namespace, which maps container uids " + ranges(uids) + more("/etc/subuid", uids));
        }
        for (long gid : concat(user.gid(), user.additionalGids())) {
            if (!maps(gids, gid)) {
                throw new SpecException("user", who, "gid " + gid + " is not mapped in the container's user "
                        + "namespace, which maps container gids " + ranges(gids) + more("/etc/subgid", gids));
            }
        }
    }

    /**
     * runc 1.1 refuses every additional group in a rootless container (it may not call
     * setgroups there), so the process keeps its primary group only.
     */
    static User rootlessUser(User user) {
        return user.withAdditionalGids(List.of());
    }

    /**
     * {@code uid=}/{@code gid=} mount options (devpts's {@code gid=5}) name container IDs; one that is
     * not mapped makes the mount fail, so it is left out, as {@code runc spec --rootless} does.
     */
    static List<Mount> mountsFor(List<Mount> mounts, List<IdMapping> uids, List<IdMapping> gids) {
        if (uids.isEmpty()) {
            return mounts;
        }
        List<Mount> result = new ArrayList<>();
        for (Mount mount : mounts) {
            List<String> options = mount.options().stream()
                    .filter(o -> !(o.startsWith("uid=") && !mapsOption(uids, o))
                            && !(o.startsWith("gid=") && !mapsOption(gids, o)))
                    .toList();
            result.add(options.size() == mount.options().size() ? mount : mount.withOptions(options));
        }
        return List.copyOf(result);
    }

    /**
     * Without a cgroup of its own the user cannot have limits: asking for them is an error, and
     * the rest (the default device rules, a cgroups path) is left out, as {@code runc spec
     * --rootless} leaves out {@code resources}, so runc does not try to make a cgroup.
     */
    static Linux rootlessCgroups(Linux linux, RootlessHost rootless) {
        if (rootless.cgroupsWritable()) {
            return linux;
        }
        Resources r = linux.resources();
        if (linux.cgroupsPath() != null || r != null && (r.memory() != null || r.cpu() != null)) {
            throw new SpecException("resource limits need a cgroup the user can write, and " + rootless.userName()
                    + " has none here (cgroup v1, or cgroup v2 without delegation): run without --memory, --cpu-*, "
                    + "--cpuset-* and --cgroup-parent, or as root");
        }
        return linux.withResources(null).withCgroupsPath(null);
    }

    private static boolean mapsOption(List<IdMapping> map, String option) {
        try {
            return maps(map, Long.parseLong(option.substring(option.indexOf('=') + 1)));
        } catch (NumberFormatException e) {
            return true; // not an ID: leave it for the kernel to judge
        }
    }

    private static boolean maps(List<IdMapping> map, long id) {
        return map.stream().anyMatch(m -> id >= m.containerID() && id - m.containerID() < m.size());
    }

    private static String ranges(List<IdMapping> map) {
        return map.stream().map(m -> m.size() == 1 ? Long.toString(m.containerID())
                : m.containerID() + "-" + (m.containerID() + m.size() - 1)).collect(Collectors.joining(", "));
    }

    /** A map of one ID is the rootless single mapping: say where more come from. */
    private static String more(String file, List<IdMapping> map) {
        return map.size() == 1 && map.getFirst().size() == 1
                ? " (only root: give the user a range in " + file + " and install newuidmap/newgidmap)" : "";
    }

    private static List<Long> concat(long first, List<Long> rest) {
        List<Long> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
