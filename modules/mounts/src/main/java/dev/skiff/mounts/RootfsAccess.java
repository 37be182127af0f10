package dev.skiff.mounts;

import dev.skiff.libc.Dirs;
import dev.skiff.libc.Errno;
import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A handle on a container's root filesystem through which Skiff reads and creates files
 * inside it. Every path is resolved by the kernel with openat2(RESOLVE_IN_ROOT) from a
 * descriptor of the rootfs, so the rootfs acts as "/": {@code ..} stops at it and an
 * absolute or relative symlink in the image resolves inside it, never on the host.
 * Paths are as the container sees them; a relative path is taken from the rootfs.
 *
 * <p>The host path given to {@link #open} is trusted (it is the caller's); everything
 * below it is not.
 */
public final class RootfsAccess implements AutoCloseable {
    /** The rootfs is "/", and /proc-style magic links cannot jump out of it. */
    private static final long CONFINED = Dirs.RESOLVE_IN_ROOT | Dirs.RESOLVE_NO_MAGICLINKS;
    /**
     * For a directory just made with mkdirat: no symlink may be followed, so the
     * descriptor is the directory that was created and not something swapped in.
     */
    private static final long JUST_CREATED = Dirs.RESOLVE_BENEATH | Dirs.RESOLVE_NO_SYMLINKS
            | Dirs.RESOLVE_NO_MAGICLINKS | Dirs.RESOLVE_NO_XDEV;
    /** An upper bound for {@link #readFile}: /etc/passwd of a hostile image must not exhaust the heap. */
    public static final int MAX_READ_BYTES = 16 * 1024 * 1024;

    private final Path rootfs;
    private final OwnedFd root;

    private RootfsAccess(Path rootfs, OwnedFd root) {
        this.rootfs = rootfs;
        this.root = root;
    }

    /** Opens the rootfs directory {@code rootfs} (an O_PATH descriptor held until {@link #close}). */
    public static RootfsAccess open(Path rootfs) throws IOException {
        Path absolute = rootfs.toAbsolutePath();
        try {
            int flags = Fds.O_PATH | Fds.O_DIRECTORY | Fds.O_CLOEXEC;
            return new RootfsAccess(absolute, Fds.open(absolute.toString(), flags, 0));
        } catch (ErrnoException e) {
            throw new IOException("open rootfs `" + absolute + "`: " + e.getMessage(), e);
        }
    }

    /** The host path of the rootfs, for messages. */
    public Path rootfs() {
        return rootfs;
    }

    /**
     * Opens a file inside the rootfs with {@code flags} (no O_CREAT: nothing is created).
     * The caller owns the descriptor.
     */
    public OwnedFd open(String pathInContainer, int flags) throws IOException {
        ContainerPath path = ContainerPath.parse(pathInContainer);
        if ((flags & Fds.O_CREAT) != 0) {
            throw new IllegalArgumentException("open does not create files: O_CREAT given for " + path);
        }
        try {
            return Dirs.openat2(root.fd(), path.normalized(), flags | Fds.O_CLOEXEC, 0, CONFINED);
        } catch (ErrnoException e) {
            throw failure("open", path, e);
        }
    }

    /**
     * Opens a regular file inside the rootfs for reading. A FIFO, device or directory is
     * refused: reading one could block or read from the host's devices.
     */
    public InputStream openFile(String pathInContainer) throws IOException {
        // O_NONBLOCK only so that opening a FIFO cannot block; it is refused just below.
        OwnedFd fd = open(pathInContainer, Fds.O_RDONLY | Fds.O_NOCTTY | Fds.O_NONBLOCK);
        try {
            requireRegularFile(fd, pathInContainer);
            return new FdInputStream(fd, pathInContainer);
        } catch (IOException | RuntimeException e) {
            fd.closeQuietly(e::addSuppressed);
            throw e;
        }
    }

    private void requireRegularFile(OwnedFd fd, String pathInContainer) throws IOException {
        Dirs.FileStat stat;
        try {
            stat = Dirs.fstat(fd.fd());
        } catch (ErrnoException e) {
            throw failure("read", ContainerPath.parse(pathInContainer), e);
        }
        if (!stat.isRegularFile()) {
            throw new IOException("read `" + pathInContainer + "` in rootfs `" + rootfs
                    + "`: not a regular file (mode 0" + Integer.toOctalString(stat.mode()) + ")");
        }
    }

    /** The whole content of a regular file inside the rootfs, at most {@link #MAX_READ_BYTES}. */
    public byte[] readFile(String pathInContainer) throws IOException {
        try (InputStream in = openFile(pathInContainer)) {
            byte[] data = in.readNBytes(MAX_READ_BYTES + 1);
            if (data.length > MAX_READ_BYTES) {
                throw new IOException("read `" + pathInContainer + "` in rootfs `" + rootfs
                        + "`: larger than " + MAX_READ_BYTES + " bytes");
            }
            return data;
        }
    }

    /**
     * Whether the path names something inside the rootfs, following symlinks as the
     * container would. A symlink that points at a host-only path does not exist here.
     */
    public boolean exists(String pathInContainer) throws IOException {
        ContainerPath path = ContainerPath.parse(pathInContainer);
        try (OwnedFd fd = Dirs.openat2(root.fd(), path.normalized(), Fds.O_PATH | Fds.O_CLOEXEC, 0, CONFINED)) {
            return fd.isOpen();
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOENT || e.errno() == Errno.ENOTDIR) {
                return false;
            }
            throw failure("stat", path, e);
        }
    }

    /**
     * Creates the directory {@code pathInContainer} and any missing parents inside the
     * rootfs, like {@code mkdir -p}. Each component is resolved from the rootfs with
     * RESOLVE_IN_ROOT, and a missing one is made with mkdirat in the directory its parent
     * resolved to, so a symlink in the image can redirect creation only to somewhere else
     * inside the rootfs. Directories created here get exactly {@code mode} (the umask does
     * not apply) and the owner {@code uid:gid} (-1 leaves that id as the creator's, as in
     * fchown(2)); existing directories are left as they are, as buildah does for the
     * working directory. A component that exists but is not a directory inside the rootfs
     * (a file, or a dangling or host-pointing symlink) is an error.
     */
    public void mkdirs(String pathInContainer, int mode, int uid, int gid) throws IOException {
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException("not a permission mode: 0" + Integer.toOctalString(mode));
        }
        new DirectoryMaker(this, ContainerPath.parse(pathInContainer), mode, uid, gid).run();
    }

    /** The directory at the first {@code count} components, or null if it does not exist. */
    OwnedFd openDirectory(ContainerPath path, int count) throws IOException {
        String prefix = path.prefix(count);
        try {
            return Dirs.openat2(root.fd(), prefix, Fds.O_PATH | Fds.O_DIRECTORY | Fds.O_CLOEXEC, 0, CONFINED);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOENT) {
                return null;
            }
            if (e.errno() == Errno.ENOTDIR) {
                throw new IOException("mkdirs `" + path + "` in rootfs `" + rootfs + "`: `" + prefix
                        + "` exists and is not a directory", e);
            }
            throw failure("mkdirs", path, e);
        }
    }

    /**
     * Makes {@code name} in {@code parent} and returns a descriptor of it (O_RDONLY, so it
     * can be chowned), or null if something already occupies the name.
     */
    static OwnedFd makeDirectory(OwnedFd parent, String name, int mode) throws ErrnoException {
        if (!Dirs.mkdirat(parent.fd(), name, mode)) {
            return null;
        }
        int flags = Fds.O_RDONLY | Fds.O_DIRECTORY | Fds.O_NOFOLLOW | Fds.O_CLOEXEC;
        return Dirs.openat2(parent.fd(), name, flags, 0, JUST_CREATED);
    }

    IOException failure(String action, ContainerPath path, ErrnoException cause) {
        String where = " in rootfs `" + rootfs + "`: " + cause.getMessage();
        if (cause.errno() == Errno.ENOENT) {
            // The JDK's type for a missing file, so callers can tell "absent" from "broken".
            NoSuchFileException missing = new NoSuchFileException(path.toString(), null, action + where);
            missing.initCause(cause);
            return missing;
        }
        return new IOException(action + " `" + path + "`" + where, cause);
    }

    @Override
    public void close() throws IOException {
        root.close();
    }

    @Override
    public String toString() {
        return "rootfs `" + rootfs + "`";
    }
}
