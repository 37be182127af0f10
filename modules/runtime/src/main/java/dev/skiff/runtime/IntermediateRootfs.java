package dev.skiff.runtime;

import dev.skiff.libc.MountNamespaces;
import dev.skiff.mounts.HostOwner;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The seed's {@code SetupIntermediateMountNamespace}, only where it is needed. When root runs
 * a container whose root is mapped to another host uid, runc's init mounts the rootfs as that
 * uid, and fails with EACCES if a directory on the way is closed to it (a 0700 temporary
 * directory, {@code /var/lib/...}). Then {@code runtime create} runs on a thread of its own
 * in a private mount namespace where the rootfs is bound at {@code BUNDLE/mnt/rootfs}, a path
 * the mapped root can walk: the bundle opened to search (0711), {@code mnt} 0100 and the
 * mapped root's. The namespace and its mount vanish with the thread once create has returned:
 * the container has its own mount namespace by then. Bind-mount sources need none of this:
 * runc 1.1 opens them before it enters the user namespace.
 *
 * <p>Unprivileged users never need it: their container root is themselves (or, with an
 * explicit map, they could not make a mount namespace here anyway).
 */
final class IntermediateRootfs {
    private static final System.Logger LOG = System.getLogger(IntermediateRootfs.class.getName());

    /** What create runs. */
    @FunctionalInterface
    interface Create {
        int run() throws IOException;
    }

    private final Path rootfs;
    private final Path target;

    private IntermediateRootfs(Path rootfs, Path target) {
        this.rootfs = rootfs;
        this.target = target;
    }

    /**
     * The intermediate rootfs for this run, its directories made (and their removal pushed),
     * or null when the container's root can reach {@code rootfs} as it is.
     */
    static IntermediateRootfs ifNeeded(Path rootfs, Bundle bundle, HostOwner containerRoot, Teardown teardown)
            throws IOException {
        if (UserDirs.rootless() || containerRoot.uid() == 0 || reachable(rootfs, containerRoot)) {
            return null;
        }
        Path mnt = bundle.dir().resolve("mnt");
        Path target = mnt.resolve("rootfs");
        Files.setPosixFilePermissions(bundle.dir(), PosixFilePermissions.fromString("rwx--x--x"));
        Files.createDirectory(mnt, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("--x------")));
        // Removed one by one, never recursively: should the mount ever show here, rmdir fails instead.
        teardown.push("remove " + mnt, () -> Files.deleteIfExists(mnt));
        Files.setAttribute(mnt, "unix:uid", containerRoot.uid());
        Files.setAttribute(mnt, "unix:gid", containerRoot.gid());
        Files.createDirectory(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("---------")));
        teardown.push("remove " + target, () -> Files.deleteIfExists(target));
        LOG.log(Level.DEBUG, "rootfs {0} is closed to uid {1}: binding it at {2}", rootfs, containerRoot.uid(), target);
        return new IntermediateRootfs(rootfs, target);
    }

    /** The rootfs path for config.json. */
    Path target() {
        return target;
    }

    /** Runs {@code create} on a platform thread in a mount namespace where the rootfs is bound at {@link #target()}. */
    int run(Create create) throws IOException, InterruptedException {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("skiff-intermediate-rootfs").start(() -> {
            try {
                MountNamespaces.unshareForThisThread();
                MountNamespaces.makeRecursivelyPrivate("/");
                MountNamespaces.bindRecursively(rootfs.toString(), target.toString());
                outcome.set(create.run());
            } catch (IOException | RuntimeException e) {
                outcome.set(e);
            }
        });
        thread.join();
        return switch (outcome.get()) {
            case Integer pid -> pid;
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            default -> throw new IllegalStateException("intermediate mount namespace: no outcome");
        };
    }

    /**
     * Whether {@code owner} may search every directory above {@code path}: the owner, group or
     * other execute bit, as the kernel picks it (ACLs and supplementary groups are not
     * considered; when they would allow it, the intermediate namespace is merely unneeded).
     */
    static boolean reachable(Path path, HostOwner owner) throws IOException {
        for (Path dir = path.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            int mode = (Integer) Files.getAttribute(dir, "unix:mode");
            int uid = (Integer) Files.getAttribute(dir, "unix:uid");
            int gid = (Integer) Files.getAttribute(dir, "unix:gid");
            int bit = uid == owner.uid() ? 0100 : gid == owner.gid() ? 0010 : 0001;
            if ((mode & bit) == 0) {
                return false;
            }
        }
        return true;
    }
}
