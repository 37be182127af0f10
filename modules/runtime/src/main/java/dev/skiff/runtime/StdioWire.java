package dev.skiff.runtime;

import dev.skiff.libc.Dirs;
import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import dev.skiff.libc.Terminals;
import dev.skiff.mounts.HostOwner;
import dev.skiff.stdio.Copy;
import dev.skiff.stdio.Sink;
import dev.skiff.stdio.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How one of a non-terminal container's streams (0, 1 or 2) reaches the caller.
 *
 * <p>Handing the caller's descriptor straight to the runtime is what {@code runc run}
 * does: no copy, so nothing is slower than runc and nothing can be lost or reordered.
 * It is done only where the runtime's {@code fixStdioPermissions} (it chowns the
 * container's stdio to the container's user) and the container's access to the
 * descriptor harm nothing: pipes, sockets and /dev/null, when the container's root is
 * the host's. A terminal is relayed, because a container holding the caller's terminal
 * could push input into it (TIOCSTI); so is a regular file, which the runtime would
 * chown; so is everything when the container's root is mapped, since the pipes must then
 * belong to that root. Stderr is always relayed: it is also the runtime's own stderr,
 * and a failed create's message belongs in Skiff's error, not on the caller's stream.
 */
sealed interface StdioWire {

    /** The descriptor {@code runtime create} gets as this stream. */
    int containerFd();

    /** After a successful create: the runtime has passed the container's end on. */
    void created() throws ErrnoException;

    /** The relay's copy for this stream, given the caller's end (a Source for 0, a Sink for 1 and 2). */
    Optional<Copy> copy(String label, Source callerSource, Sink callerSink, boolean output);

    /** What is waiting on a relayed output, for an error message. */
    String drain();

    /** Closes what Skiff owns of this stream. */
    void close() throws ErrnoException;

    default void closeQuietly(Exception failure) {
        try {
            close();
        } catch (ErrnoException e) {
            failure.addSuppressed(e);
        }
    }

    /** The container's stdin, read from {@code caller}. */
    static StdioWire stdin(Source caller, HostOwner containerRoot) throws ErrnoException {
        Passed passed = switch (caller) {
            case Source.Borrowed(int fd) -> passable(fd, containerRoot) ? new Passed(fd, null) : null;
            case Source.Owned(OwnedFd fd) -> passable(fd.fd(), containerRoot) ? new Passed(fd.fd(), fd) : null;
            case Source.Stream s -> null;
        };
        return passed != null ? passed : pipe(0, containerRoot);
    }

    /** The container's stdout, written to {@code caller}. */
    static StdioWire stdout(Sink caller, HostOwner containerRoot) throws ErrnoException {
        Passed passed = switch (caller) {
            case Sink.Borrowed(int fd) -> passable(fd, containerRoot) ? new Passed(fd, null) : null;
            case Sink.Owned(OwnedFd fd) -> passable(fd.fd(), containerRoot) ? new Passed(fd.fd(), fd) : null;
            case Sink.Stream s -> null;
        };
        return passed != null ? passed : pipe(1, containerRoot);
    }

    /** The container's stderr: always relayed (see above). */
    static StdioWire stderr(HostOwner containerRoot) throws ErrnoException {
        return pipe(2, containerRoot);
    }

    /**
     * A pipe owned by {@code containerRoot}, the host IDs of the container's root, as the
     * seed makes them: runc's init, as that root, then gives them to the container's user,
     * so that a non-root process can reopen {@code /dev/stdout}. An unprivileged caller's
     * pipes are its own, which is its container's root.
     */
    static Piped pipe(int stream, HostOwner containerRoot) throws ErrnoException {
        OwnedFd[] pipe = Fds.pipe(Fds.O_CLOEXEC);
        boolean input = stream == 0;
        Piped piped = new Piped(input ? pipe[0] : pipe[1], input ? pipe[1] : pipe[0]);
        try {
            if (!UserDirs.rootless() && !containerRoot.equals(HostOwner.ROOT)) {
                // A pipe is one inode: chowning the container's end chowns both.
                Dirs.fchown(piped.containerEnd().fd(), containerRoot.uid(), containerRoot.gid());
            }
            // Only the monitor's end is non-blocking; the container gets an ordinary pipe.
            Fds.setNonBlocking(piped.monitorEnd(), true);
            return piped;
        } catch (ErrnoException e) {
            piped.closeQuietly(e);
            throw e;
        }
    }

    private static boolean passable(int fd, HostOwner containerRoot) {
        if (!containerRoot.equals(HostOwner.ROOT) || UserDirs.rootless() || Terminals.isTerminal(fd)) {
            return false;
        }
        try {
            int type = Dirs.fstat(fd).type();
            return type == Dirs.S_IFIFO || type == Dirs.S_IFSOCK || (type == Dirs.S_IFCHR && isDevNull(fd));
        } catch (ErrnoException e) {
            return false;
        }
    }

    private static boolean isDevNull(int fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd))).toString().equals("/dev/null");
        } catch (IOException e) {
            return false;
        }
    }

    /** The caller's descriptor, given to the runtime as is; closed after create if Skiff owns it. */
    record Passed(int fd, OwnedFd owned) implements StdioWire {
        @Override
        public int containerFd() {
            return fd;
        }

        @Override
        public void created() throws ErrnoException {
            close();
        }

        @Override
        public Optional<Copy> copy(String label, Source callerSource, Sink callerSink, boolean output) {
            return Optional.empty();
        }

        @Override
        public String drain() {
            return "";
        }

        @Override
        public void close() throws ErrnoException {
            if (owned != null) {
                owned.close();
            }
        }
    }

    /** A pipe: the container's end goes to the runtime, the monitor's end into the relay. */
    record Piped(OwnedFd containerEnd, OwnedFd monitorEnd) implements StdioWire {
        @Override
        public int containerFd() {
            return containerEnd.fd();
        }

        @Override
        public void created() throws ErrnoException {
            containerEnd.close();
        }

        @Override
        public Optional<Copy> copy(String label, Source callerSource, Sink callerSink, boolean output) {
            return Optional.of(output
                    ? new Copy(label, Source.owned(monitorEnd), callerSink, true)
                    : new Copy(label, callerSource, Sink.owned(monitorEnd), false));
        }

        @Override
        public String drain() {
            return Drain.available(monitorEnd);
        }

        @Override
        public void close() throws ErrnoException {
            OwnedFd.closeAll(containerEnd, monitorEnd);
        }
    }
}
