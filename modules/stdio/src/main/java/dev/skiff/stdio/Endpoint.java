package dev.skiff.stdio;

import dev.skiff.libc.Errno;
import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import dev.skiff.libc.SocketIo;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.nio.channels.AsynchronousCloseException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A descriptor the relay reads or writes, always one Skiff owns (an owned descriptor, or
 * a reopened or duplicated copy of a borrowed one), so closing it never touches the
 * caller's. Calls that use the number hold it against a concurrent {@link #close()},
 * which is deferred until the last of them returns: a number closed mid-call could be
 * reused by an unrelated open and then written to.
 */
final class Endpoint implements Outlet {
    /** What the descriptor is, which decides how it is waited on and copied. */
    enum Kind {
        /** Non-blocking, pollable, splice-able. */
        PIPE,
        /** A terminal: non-blocking and pollable; EIO means the other side hung up. */
        TTY,
        /** A socket: non-blocking per call (MSG_DONTWAIT), pollable. */
        SOCKET,
        /** A regular file or a device like /dev/null: never would-block, not pollable. */
        FILE,
        /** A caller's descriptor that could not be made non-blocking: only for platform threads. */
        BLOCKING
    }

    private static final System.Logger LOG = System.getLogger(Endpoint.class.getName());
    private static final int CLOSING = 1 << 30;
    /** A terminal whose other side hung up reports EIO (the hand-written Errno has no EIO). */
    static final int EIO = dev.skiff.libc.gen.Clib.EIO();

    private final String name;
    private final OwnedFd owned;
    private final int fd;
    private final Kind kind;
    private final Poller poller;
    /** In-flight calls, plus {@link #CLOSING} once close was asked for. */
    private final AtomicInteger state = new AtomicInteger();

    Endpoint(String name, OwnedFd owned, Kind kind, Poller poller) {
        this.name = name;
        this.owned = owned;
        this.fd = owned.fd();
        this.kind = kind;
        this.poller = poller;
    }

    Kind kind() {
        return kind;
    }

    boolean pollable() {
        return kind == Kind.PIPE || kind == Kind.TTY || kind == Kind.SOCKET;
    }

    /** read(2); 0 at end of input (including a hung-up terminal), -EAGAIN when nothing is there yet. */
    long read(MemorySegment buf, long count) throws IOException {
        int raw = acquire();
        try {
            return kind == Kind.SOCKET ? SocketIo.receive(raw, buf, count) : Fds.read(raw, buf, count);
        } catch (ErrnoException e) {
            if (kind == Kind.TTY && e.errno() == EIO) {
                return 0;
            }
            throw e;
        } finally {
            release();
        }
    }

    /** write(2); the count written or -EAGAIN. */
    long write(MemorySegment buf, long count) throws IOException {
        int raw = acquire();
        try {
            return kind == Kind.SOCKET ? SocketIo.send(raw, buf, count) : Fds.write(raw, buf, count);
        } catch (ErrnoException e) {
            throw asWriteFailure(e);
        } finally {
            release();
        }
    }

    @Override
    public void writeFully(MemorySegment data) throws IOException, InterruptedException {
        long done = 0;
        while (done < data.byteSize()) {
            long n = write(data.asSlice(done), data.byteSize() - done);
            if (n < 0) {
                awaitWritable();
            } else {
                done += n;
            }
        }
    }

    /** EPIPE, or EIO from a hung-up terminal, on the writing side: the reader is gone. */
    IOException asWriteFailure(ErrnoException e) {
        boolean gone = e.errno() == Errno.EPIPE || (kind == Kind.TTY && e.errno() == EIO);
        return gone ? new BrokenPipeException(name, e) : e;
    }

    /** Whether a write would make progress now (or fail: the reader is gone); never blocks. */
    boolean writableNow() throws IOException {
        int raw = acquire();
        try {
            return (Fds.poll(raw, Fds.POLLOUT, 0) & (Fds.POLLOUT | Fds.POLLERR | Fds.POLLHUP)) != 0;
        } finally {
            release();
        }
    }

    void awaitReadable() throws IOException, InterruptedException {
        await(Registration.Direction.READ);
    }

    void awaitWritable() throws IOException, InterruptedException {
        await(Registration.Direction.WRITE);
    }

    private void await(Registration.Direction direction) throws IOException, InterruptedException {
        Waiter waiter;
        int raw = acquire();
        try {
            waiter = poller.arm(raw, direction);
        } finally {
            release();
        }
        poller.park(waiter);
    }

    /** The descriptor, held open until {@link #release()}; fails once close was asked for. */
    int acquire() throws AsynchronousCloseException {
        while (true) {
            int s = state.get();
            if ((s & CLOSING) != 0) {
                throw new AsynchronousCloseException();
            }
            if (state.compareAndSet(s, s + 1)) {
                return fd;
            }
        }
    }

    void release() {
        if (state.decrementAndGet() == CLOSING) {
            closeNow().ifPresent(e -> LOG.log(Level.WARNING, "close " + name, e));
        }
    }

    /** End of input: close now, reporting a failure (a regular file's close can report lost writes). */
    @Override
    public void finish() throws IOException {
        if (beginClose()) {
            var failure = closeNow();
            if (failure.isPresent()) {
                throw failure.get();
            }
        }
    }

    @Override
    public void close() {
        if (beginClose()) {
            closeNow().ifPresent(e -> LOG.log(Level.WARNING, "close " + name, e));
        }
    }

    /** Marks the endpoint closing; true if no call is in flight, so the caller closes it. */
    private boolean beginClose() {
        while (true) {
            int s = state.get();
            if ((s & CLOSING) != 0) {
                return false;
            }
            if (state.compareAndSet(s, s | CLOSING)) {
                return s == 0;
            }
        }
    }

    private java.util.Optional<ErrnoException> closeNow() {
        poller.forget(fd);
        try {
            owned.close();
            return java.util.Optional.empty();
        } catch (ErrnoException e) {
            return java.util.Optional.of(e);
        }
    }

    @Override
    public String toString() {
        return name + " (fd " + fd + ", " + kind + ")";
    }
}
