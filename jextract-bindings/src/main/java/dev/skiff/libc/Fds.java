package dev.skiff.libc;

import dev.skiff.libc.gen.Clib;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** Descriptor-level calls: pipes, read, write, splice, flags, poll. */
public final class Fds {
    public static final int O_RDONLY = Clib.O_RDONLY();
    public static final int O_WRONLY = Clib.O_WRONLY();
    public static final int O_RDWR = Clib.O_RDWR();
    public static final int O_CREAT = Clib.O_CREAT();
    public static final int O_EXCL = Clib.O_EXCL();
    public static final int O_TRUNC = Clib.O_TRUNC();
    public static final int O_APPEND = Clib.O_APPEND();
    public static final int O_NONBLOCK = Clib.O_NONBLOCK();
    public static final int O_CLOEXEC = Clib.O_CLOEXEC();
    public static final int O_DIRECTORY = Clib.O_DIRECTORY();
    public static final int O_NOFOLLOW = Clib.O_NOFOLLOW();
    public static final int O_PATH = Clib.O_PATH();
    public static final int O_NOCTTY = Clib.O_NOCTTY();
    public static final int POLLIN = Clib.POLLIN();
    public static final int POLLOUT = Clib.POLLOUT();
    public static final int POLLERR = Clib.POLLERR();
    public static final int POLLHUP = Clib.POLLHUP();

    private static final MethodHandle READ = Native.capturing(Clib.read$address(), Clib.read$descriptor());
    private static final MethodHandle WRITE = Native.capturing(Clib.write$address(), Clib.write$descriptor());
    private static final MethodHandle CLOSE = Native.capturing(Clib.close$address(), Clib.close$descriptor());
    private static final MethodHandle PIPE2 = Native.capturing(Clib.pipe2$address(), Clib.pipe2$descriptor());
    private static final MethodHandle DUP = Native.capturing(Clib.dup$address(), Clib.dup$descriptor());
    private static final MethodHandle OPEN = Native.capturingVariadic(Clib.open.address(),
            Clib.open.makeInvoker(Clib.C_INT).descriptor(), 2);
    private static final MethodHandle OPENAT = Native.capturingVariadic(Clib.openat.address(),
            Clib.openat.makeInvoker(Clib.C_INT).descriptor(), 3);
    private static final MethodHandle FCNTL = Native.capturingVariadic(Clib.fcntl.address(),
            Clib.fcntl.makeInvoker(Clib.C_INT).descriptor(), 2);
    private static final MethodHandle POLL = Native.capturing(Clib.poll$address(), Clib.poll$descriptor());
    private static final MethodHandle SPLICE = Native.capturing(Clib.splice$address(), Clib.splice$descriptor());
    private static final MethodHandle EVENTFD = Native.capturing(Clib.eventfd$address(), Clib.eventfd$descriptor());

    private Fds() {}

    /** A pipe: element 0 reads, element 1 writes. */
    public static OwnedFd[] pipe(int flags) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            Native.call("pipe2", null, s -> (int) PIPE2.invokeExact(s, fds, flags));
            return new OwnedFd[] {
                new OwnedFd(fds.getAtIndex(ValueLayout.JAVA_INT, 0)),
                new OwnedFd(fds.getAtIndex(ValueLayout.JAVA_INT, 1))
            };
        }
    }

    /** read(2); returns the count, 0 at end of file, or -EAGAIN on a non-blocking descriptor. */
    public static long read(int fd, MemorySegment buf, long count) throws ErrnoException {
        return Native.call("read", fd, Errno.EAGAIN, s -> (long) READ.invokeExact(s, fd, buf, count));
    }

    /** write(2); returns the count written, or -EAGAIN on a non-blocking descriptor. */
    public static long write(int fd, MemorySegment buf, long count) throws ErrnoException {
        return Native.call("write", fd, Errno.EAGAIN, s -> (long) WRITE.invokeExact(s, fd, buf, count));
    }

    /** Writes all of {@code buf} to a blocking descriptor. */
    public static void writeFully(int fd, MemorySegment buf) throws ErrnoException {
        long done = 0;
        while (done < buf.byteSize()) {
            long n = write(fd, buf.asSlice(done), buf.byteSize() - done);
            if (n < 0) {
                throw new ErrnoException("write", fd, Errno.EAGAIN);
            }
            done += n;
        }
    }

    /**
     * splice(2) between descriptors, at most one of which need not be a pipe; returns the
     * count moved, 0 at end of input, or -EAGAIN.
     */
    public static long splice(int in, int out, long count, int flags) throws ErrnoException {
        return Native.call("splice", in + "->" + out, Errno.EAGAIN, s -> (long) SPLICE.invokeExact(
                s, in, MemorySegment.NULL, out, MemorySegment.NULL, count, flags));
    }

    /** close(2) of a raw descriptor; prefer {@link OwnedFd#close()}. */
    static void close(int fd) throws ErrnoException {
        Native.callOnce("close", fd, s -> (int) CLOSE.invokeExact(s, fd));
    }

    public static OwnedFd dup(int fd) throws ErrnoException {
        return new OwnedFd((int) Native.call("dup", fd, s -> (int) DUP.invokeExact(s, fd)));
    }

    public static OwnedFd open(String path, int flags, int mode) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            return new OwnedFd((int) Native.call("open", path, s -> (int) OPEN.invokeExact(s, p, flags, mode)));
        }
    }

    public static OwnedFd openat(int dirfd, String path, int flags, int mode) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            return new OwnedFd((int) Native.call("openat", path,
                    s -> (int) OPENAT.invokeExact(s, dirfd, p, flags, mode)));
        }
    }

    /** The file status flags (F_GETFL). */
    public static int statusFlags(int fd) throws ErrnoException {
        return (int) Native.call("fcntl(F_GETFL)", fd, s -> (int) FCNTL.invokeExact(s, fd, Clib.F_GETFL(), 0));
    }

    /**
     * Sets O_NONBLOCK on a descriptor. Only for descriptors Skiff created: the flag lives
     * on the open file description, which other processes may share.
     */
    public static void setNonBlocking(OwnedFd fd, boolean on) throws ErrnoException {
        int raw = fd.fd();
        int flags = statusFlags(raw);
        int wanted = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
        if (wanted != flags) {
            Native.call("fcntl(F_SETFL)", raw, s -> (int) FCNTL.invokeExact(s, raw, Clib.F_SETFL(), wanted));
        }
    }

    /** Sets or clears FD_CLOEXEC. */
    public static void setCloseOnExec(int fd, boolean on) throws ErrnoException {
        int flags = (int) Native.call("fcntl(F_GETFD)", fd, s -> (int) FCNTL.invokeExact(s, fd, Clib.F_GETFD(), 0));
        int wanted = on ? flags | Clib.FD_CLOEXEC() : flags & ~Clib.FD_CLOEXEC();
        Native.call("fcntl(F_SETFD)", fd, s -> (int) FCNTL.invokeExact(s, fd, Clib.F_SETFD(), wanted));
    }

    /** poll(2) on one descriptor; returns the revents, 0 on timeout. */
    public static int poll(int fd, int events, int timeoutMillis) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pfd = arena.allocate(dev.skiff.libc.gen.pollfd.layout());
            dev.skiff.libc.gen.pollfd.fd(pfd, fd);
            dev.skiff.libc.gen.pollfd.events(pfd, (short) events);
            long n = Native.call("poll", fd, s -> (int) POLL.invokeExact(s, pfd, 1L, timeoutMillis));
            return n == 0 ? 0 : dev.skiff.libc.gen.pollfd.revents(pfd) & 0xffff;
        }
    }

    /** An eventfd, for waking a thread blocked in epoll_wait. */
    public static OwnedFd eventfd(int flags) throws ErrnoException {
        return new OwnedFd((int) Native.call("eventfd", null, s -> (int) EVENTFD.invokeExact(s, 0, flags)));
    }

    public static final int EFD_CLOEXEC = Clib.EFD_CLOEXEC();
    public static final int EFD_NONBLOCK = Clib.EFD_NONBLOCK();
    public static final int SPLICE_F_MOVE = Clib.SPLICE_F_MOVE();
    public static final int SPLICE_F_NONBLOCK = Clib.SPLICE_F_NONBLOCK();
}
