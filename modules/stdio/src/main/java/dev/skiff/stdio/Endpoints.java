package dev.skiff.stdio;

import dev.skiff.libc.Dirs;
import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import dev.skiff.libc.Terminals;
import dev.skiff.stdio.Endpoint.Kind;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * Turns a descriptor into an {@link Endpoint} that the relay may use without blocking,
 * without ever changing a flag on a descriptor it only borrows:
 * <ul>
 * <li>owned pipes, terminals and sockets are simply set O_NONBLOCK;
 * <li>a borrowed pipe or terminal is reopened through {@code /proc/self/fd/N} with
 *     O_NONBLOCK: that yields a new open file description of the same pipe or terminal,
 *     whose flags are Skiff's alone;
 * <li>a borrowed socket cannot be reopened (ENXIO): it is duplicated and used with
 *     MSG_DONTWAIT on every call, which leaves its flags alone too;
 * <li>regular files and devices like /dev/null are duplicated and used as they are:
 *     they never make a reader or writer wait for another process;
 * <li>a borrowed pipe or terminal that cannot be reopened (EACCES on a descriptor
 *     inherited from another user, ENXIO on a FIFO with no reader) is duplicated and
 *     marked {@link Kind#BLOCKING}: its copy runs on a platform thread of its own,
 *     since a blocking read there would otherwise pin a virtual thread's carrier.
 * </ul>
 */
final class Endpoints {
    private static final System.Logger LOG = System.getLogger(Endpoints.class.getName());

    private Endpoints() {}

    /** An endpoint for a descriptor that moved into the relay; closes it if that fails. */
    static Endpoint owned(String name, OwnedFd fd, Poller poller) throws IOException {
        try {
            Kind kind = classify(fd.fd());
            if (kind == Kind.PIPE || kind == Kind.TTY || kind == Kind.SOCKET) {
                Fds.setNonBlocking(fd, true);
            }
            return new Endpoint(name, fd, kind, poller);
        } catch (ErrnoException e) {
            fd.closeQuietly(e::addSuppressed);
            throw e;
        }
    }

    /** An endpoint for a caller's descriptor, which stays open and untouched. */
    static Endpoint borrowed(String name, int fd, boolean forWriting, Poller poller) throws IOException {
        Kind kind = classify(fd);
        return switch (kind) {
            case PIPE, TTY -> reopen(name, fd, kind, forWriting, poller);
            case SOCKET, FILE, BLOCKING -> new Endpoint(name, duplicate(fd), kind, poller);
        };
    }

    private static Endpoint reopen(String name, int fd, Kind kind, boolean forWriting, Poller poller)
            throws ErrnoException {
        int access = forWriting ? Fds.O_WRONLY : Fds.O_RDONLY;
        try {
            OwnedFd fresh = Fds.open("/proc/self/fd/" + fd,
                    access | Fds.O_NONBLOCK | Fds.O_CLOEXEC | Fds.O_NOCTTY, 0);
            return new Endpoint(name + " (reopened fd " + fd + ")", fresh, kind, poller);
        } catch (ErrnoException e) {
            LOG.log(Level.DEBUG, "{0}: cannot reopen fd {1} ({2}); copying it on a platform thread",
                    name, fd, e.getMessage());
            return new Endpoint(name + " (fd " + fd + ")", duplicate(fd), Kind.BLOCKING, poller);
        }
    }

    /** dup(2), close-on-exec: the descriptor flag is per number, the caller's is untouched. */
    private static OwnedFd duplicate(int fd) throws ErrnoException {
        OwnedFd copy = Fds.dup(fd);
        try {
            Fds.setCloseOnExec(copy.fd(), true);
            return copy;
        } catch (ErrnoException e) {
            copy.closeQuietly(e::addSuppressed);
            throw e;
        }
    }

    static Kind classify(int fd) throws ErrnoException {
        Dirs.FileStat stat = Dirs.fstat(fd);
        int type = stat.type();
        if (type == Dirs.S_IFIFO) {
            return Kind.PIPE;
        }
        if (type == Dirs.S_IFSOCK) {
            return Kind.SOCKET;
        }
        if (type == Dirs.S_IFCHR) {
            // A character device that is not a terminal (/dev/null, /dev/zero, /dev/urandom)
            // answers at once; a terminal waits for its user.
            return Terminals.isTerminal(fd) ? Kind.TTY : Kind.FILE;
        }
        if (type == Dirs.S_IFREG) {
            return Kind.FILE;
        }
        // Block devices, anon inodes (eventfd, ...), anything else: assume the worst.
        return Kind.BLOCKING;
    }

    /** Closes the descriptors a copy that was never opened owned (ownership had moved to the relay). */
    static void discard(Copy copy, IOException failure) {
        if (copy.source() instanceof Source.Owned(OwnedFd fd)) {
            fd.closeQuietly(failure::addSuppressed);
        }
        if (copy.sink() instanceof Sink.Owned(OwnedFd fd)) {
            fd.closeQuietly(failure::addSuppressed);
        }
    }
}
