package dev.skiff.mounts;

import dev.skiff.libc.Dirs;
import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Fds;
import dev.skiff.libc.FilesAt;
import dev.skiff.libc.FilesAt.Inode;
import dev.skiff.libc.OwnedFd;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies a directory tree out of a rootfs into a new, empty host directory, keeping
 * owners, modes (set-id and sticky bits too), symlinks as symlinks, hard links, device
 * nodes, FIFOs, extended attributes and times — what buildah's tar-based copy keeps.
 *
 * <p>The walk holds a descriptor of every directory it is in and looks each name up in
 * it with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS, so nothing in the tree is ever followed:
 * a symlink is read with readlinkat and recreated, and an entry swapped for a symlink
 * while the copy runs fails the open instead of leading out of the rootfs. Every opened
 * entry is checked to be the inode that was examined. The target is created by Skiff
 * and trusted; it is written through descriptors too.
 */
final class TreeCopy implements AutoCloseable {
    /** One name inside a held directory; never a symlink, a magic link, or ".." out of it. */
    private static final long CHILD = Dirs.RESOLVE_BENEATH | Dirs.RESOLVE_NO_SYMLINKS | Dirs.RESOLVE_NO_MAGICLINKS;
    private static final int READ_DIRECTORY = Fds.O_RDONLY | Fds.O_DIRECTORY | Fds.O_NOCTTY | Fds.O_CLOEXEC;
    private static final int BUFFER_BYTES = 256 * 1024;

    private record FileKey(long dev, long ino) {}

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment buffer = arena.allocate(BUFFER_BYTES);
    /** Files with several links already copied, by their source inode, to their path in the target. */
    private final Map<FileKey, String> linked = new HashMap<>();
    private final AttributeCopy attributes;
    private final OwnedFd targetRoot;

    private TreeCopy(OwnedFd targetRoot, String label) {
        this.targetRoot = targetRoot;
        this.attributes = new AttributeCopy(label);
    }

    /**
     * Copies the content of the directory open at {@code source} into {@code target} (an
     * existing empty directory), then gives {@code target} the source directory's owner,
     * mode, attributes and times. {@code label} names the copy in warnings.
     */
    static void copy(OwnedFd source, Path target, String label) throws IOException {
        OwnedFd root = Fds.open(target.toString(), READ_DIRECTORY | Fds.O_NOFOLLOW, 0);
        try (TreeCopy copy = new TreeCopy(root, label)) {
            copy.copyDirectory(source.fd(), root.fd(), "");
            copy.finish(source, root, FilesAt.fstat(source.fd()));
        }
    }

    private void copyDirectory(int source, int target, String relative) throws IOException {
        for (String name : FilesAt.list(source)) {
            String path = relative.isEmpty() ? name : relative + "/" + name;
            try {
                copyEntry(source, target, name, path);
            } catch (ErrnoException e) {
                throw new IOException("copy `" + path + "`: " + e.getMessage(), e);
            }
        }
    }

    private void copyEntry(int source, int target, String name, String path) throws IOException {
        Inode inode = FilesAt.fstatat(source, name, false);
        FileKey key = new FileKey(inode.dev(), inode.ino());
        if (!inode.isDirectory() && inode.nlink() > 1 && linked.containsKey(key)) {
            FilesAt.linkat(targetRoot.fd(), linked.get(key), target, name);
            return;
        }
        int type = inode.type();
        if (type == Dirs.S_IFDIR) {
            copySubdirectory(source, target, name, inode, path);
        } else if (type == Dirs.S_IFREG) {
            copyFile(source, target, name, inode);
        } else if (type == FilesAt.S_IFLNK) {
            copySymlink(source, target, name, inode);
        } else if (type == Dirs.S_IFIFO || type == Dirs.S_IFCHR || type == FilesAt.S_IFBLK) {
            copyNode(source, target, name, inode);
        } else {
            // A socket means nothing without the process that bound it; tar skips them too.
            return;
        }
        if (!inode.isDirectory() && inode.nlink() > 1) {
            linked.put(key, path);
        }
    }

    private void copySubdirectory(int source, int target, String name, Inode inode, String path) throws IOException {
        try (OwnedFd from = openExamined(source, name, READ_DIRECTORY, inode)) {
            // 0700 until the content is in: finish() sets the real mode.
            if (!Dirs.mkdirat(target, name, 0700)) {
                throw new IOException("`" + path + "` already exists in the target");
            }
            try (OwnedFd to = Dirs.openat2(target, name, READ_DIRECTORY | Fds.O_NOFOLLOW, 0, CHILD)) {
                copyDirectory(from.fd(), to.fd(), path);
                finish(from, to, inode);
            }
        }
    }

    private void copyFile(int source, int target, String name, Inode inode) throws IOException {
        // O_NONBLOCK: should a FIFO be swapped in, the open must not hang (the inode check refuses it).
        int readFlags = Fds.O_RDONLY | Fds.O_NOCTTY | Fds.O_NONBLOCK | Fds.O_CLOEXEC;
        int createFlags = Fds.O_WRONLY | Fds.O_CREAT | Fds.O_EXCL | Fds.O_NOFOLLOW | Fds.O_CLOEXEC;
        try (OwnedFd from = openExamined(source, name, readFlags, inode);
                OwnedFd to = Fds.openat(target, name, createFlags, 0600)) {
            copyContent(from, to);
            finish(from, to, inode);
        }
    }

    private void copyContent(OwnedFd from, OwnedFd to) throws ErrnoException {
        while (true) {
            long n = Fds.read(from.fd(), buffer, BUFFER_BYTES);
            if (n <= 0) {
                // 0 is the end; a regular file never says EAGAIN (-EAGAIN).
                return;
            }
            Fds.writeFully(to.fd(), buffer.asSlice(0, n));
        }
    }

    private void copySymlink(int source, int target, String name, Inode inode) throws IOException {
        FilesAt.symlinkat(FilesAt.readlinkat(source, name), target, name);
        FilesAt.fchownat(target, name, inode.uid(), inode.gid(), false);
        attributes.copyByPath(AttributeCopy.entryPath(source, name), AttributeCopy.entryPath(target, name));
        FilesAt.utimensat(target, name, inode.atime(), inode.mtime(), false);
    }

    private void copyNode(int source, int target, String name, Inode inode) throws IOException {
        FilesAt.mknodat(target, name, inode.type() | 0600, inode.rdev());
        FilesAt.fchownat(target, name, inode.uid(), inode.gid(), false);
        // The node was just made in Skiff's own directory: following the name is safe.
        FilesAt.fchmodat(target, name, inode.permissions());
        attributes.copyByPath(AttributeCopy.entryPath(source, name), AttributeCopy.entryPath(target, name));
        FilesAt.utimensat(target, name, inode.atime(), inode.mtime(), false);
    }

    /** Owner, then mode (chown clears set-id bits), then attributes (chown drops security.capability), then times. */
    private void finish(OwnedFd from, OwnedFd to, Inode inode) throws IOException {
        Dirs.fchown(to.fd(), inode.uid(), inode.gid());
        Dirs.fchmod(to.fd(), inode.permissions());
        attributes.copyByFd(from.fd(), to.fd());
        FilesAt.futimens(to.fd(), inode.atime(), inode.mtime());
    }

    /** Opens {@code name} without following anything and checks it is the inode examined. */
    private static OwnedFd openExamined(int dir, String name, int flags, Inode examined) throws IOException {
        OwnedFd fd = Dirs.openat2(dir, name, flags, 0, CHILD);
        Inode opened = FilesAt.fstat(fd.fd());
        if (opened.dev() != examined.dev() || opened.ino() != examined.ino()) {
            fd.closeQuietly(e -> { });
            throw new IOException("`" + name + "` changed while it was being copied");
        }
        return fd;
    }

    @Override
    public void close() throws IOException {
        try {
            targetRoot.close();
        } finally {
            arena.close();
        }
    }
}
