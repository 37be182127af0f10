package dev.skiff.mounts;

import dev.skiff.spec.Mount;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The generated spec mounts as the seed's setupMounts rewrites them for the namespaces in
 * use, followed by the cgroup mount. The conditions are the seed's (and still today's
 * buildah's setupSpecialMountSpecChanges); the option lists are today's buildah's, without
 * its internal {@code nobuildahbind} marker.
 * <ul>
 *   <li>/dev/shm: a tmpfs of {@code --shm-size}; with a user namespace and the host's IPC
 *       namespace, the host's /dev/shm bound instead (a new user namespace cannot mount a
 *       tmpfs that the host's IPC namespace would use);
 *   <li>/dev/mqueue: likewise bound from the host with a user namespace and host IPC;
 *   <li>/sys: with a user namespace and the host's network namespace sysfs cannot be
 *       mounted (the kernel ties sysfs to the network namespace's owner), so the host's
 *       /sys is bound read-only and recursively, which also brings /sys/fs/cgroup: no
 *       cgroup mount then.
 * </ul>
 * A host path that is missing drops the mount, as the seed does.
 */
final class SpecMountRewrites {
    /** Today's buildah's cgroup mount (the seed's was read-only). */
    static final Mount CGROUP = Mount.of("/sys/fs/cgroup", "cgroup", "cgroup",
            List.of("rprivate", "nosuid", "noexec", "nodev", "relatime", "rw"));

    // Today's buildah's options for the host binds.
    private static final List<String> SHM_BIND = List.of("rbind", "nosuid", "noexec", "nodev");
    private static final List<String> MQUEUE_BIND = List.of("bind", "nosuid", "noexec", "nodev");
    private static final List<String> SYS_BIND = List.of("rprivate", "nosuid", "noexec", "nodev", "ro", "rbind");

    private SpecMountRewrites() {}

    static List<Mount> apply(List<Mount> specMounts, NamespaceFlags ns, String shmSize, Predicate<String> hostHas) {
        boolean hostIpcInUserNs = ns.userNamespace() && ns.hostIpc();
        boolean bindSys = ns.userNamespace() && ns.hostNetwork();
        List<Mount> mounts = new ArrayList<>();
        for (Mount mount : specMounts) {
            Mount rewritten = switch (mount.destination()) {
                case "/dev/shm" -> hostIpcInUserNs ? hostBind(mount, SHM_BIND, hostHas) : shm(mount, shmSize);
                case "/dev/mqueue" -> hostIpcInUserNs ? hostBind(mount, MQUEUE_BIND, hostHas) : mount;
                case "/sys" -> bindSys ? hostBind(mount, SYS_BIND, hostHas) : mount;
                default -> mount;
            };
            if (rewritten != null) {
                mounts.add(rewritten);
            }
        }
        if (!bindSys) {
            mounts.add(CGROUP);
        }
        return mounts;
    }

    /** Today's buildah's shm tmpfs (the generated one, with its size replaced). */
    private static Mount shm(Mount generated, String shmSize) {
        return Mount.of(generated.destination(), "tmpfs", "shm",
                List.of("private", "nodev", "noexec", "nosuid", "mode=1777", "size=" + shmSize));
    }

    /** The host's own path at the same place, or null when the host has none. */
    private static Mount hostBind(Mount generated, List<String> options, Predicate<String> hostHas) {
        String path = generated.destination();
        return hostHas.test(path) ? Mount.of(path, "bind", path, options) : null;
    }
}
