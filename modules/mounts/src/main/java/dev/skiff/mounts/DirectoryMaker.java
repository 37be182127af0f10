package dev.skiff.mounts;

import dev.skiff.libc.Dirs;
import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.OwnedFd;
import java.io.IOException;

/**
 * One {@link RootfsAccess#mkdirs} walk. Component by component, the prefix is resolved
 * from the rootfs (RESOLVE_IN_ROOT, so symlinks mean what they mean in the container)
 * and a missing component is made in the directory the previous prefix resolved to.
 * Resolving each prefix from the rootfs, not from the parent's descriptor, matters: an
 * absolute symlink must be taken from the container's "/", not from its parent.
 */
final class DirectoryMaker {
    private final RootfsAccess rootfs;
    private final ContainerPath path;
    private final int mode;
    private final int uid;
    private final int gid;

    DirectoryMaker(RootfsAccess rootfs, ContainerPath path, int mode, int uid, int gid) {
        this.rootfs = rootfs;
        this.path = path;
        this.mode = mode;
        this.uid = uid;
        this.gid = gid;
    }

    void run() throws IOException {
        OwnedFd parent = rootfs.openDirectory(path, 0);
        try {
            for (int count = 1; count <= path.components().size(); count++) {
                OwnedFd next = rootfs.openDirectory(path, count);
                if (next == null) {
                    next = create(parent, count);
                }
                OwnedFd done = parent;
                parent = next;
                done.close();
            }
        } finally {
            parent.closeQuietly(e -> { });
        }
    }

    /** Makes component {@code count} in {@code parent}; returns its descriptor. */
    private OwnedFd create(OwnedFd parent, int count) throws IOException {
        String name = path.components().get(count - 1);
        OwnedFd made;
        try {
            made = RootfsAccess.makeDirectory(parent, name, mode);
        } catch (ErrnoException e) {
            throw rootfs.failure("mkdirs", path, e);
        }
        if (made == null) {
            // The name is taken, yet it did not resolve to a directory inside the rootfs.
            throw new IOException("mkdirs `" + path + "` in " + rootfs + ": `" + path.prefix(count)
                    + "` exists and is not a directory inside the rootfs (a dangling symlink, or one pointing"
                    + " at a path that exists only on the host?)");
        }
        try {
            // chown first: it clears set-id bits that the chmod must then set.
            Dirs.fchown(made.fd(), uid, gid);
            Dirs.fchmod(made.fd(), mode);
            return made;
        } catch (ErrnoException e) {
            made.closeQuietly(e::addSuppressed);
            throw rootfs.failure("mkdirs", path, e);
        }
    }
}
