package dev.skiff.stdio;

import dev.skiff.libc.Errno;
import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Fds;
import dev.skiff.stdio.Endpoint.Kind;
import dev.skiff.stdio.Outcome.Ending;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.AsynchronousCloseException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One {@link Copy} at work: moves bytes from its source to its sink until end of input,
 * with splice(2) where the kernel can join the two descriptors and through one bounded
 * buffer otherwise, then closes what it owns. Backpressure comes from waiting on the
 * sink: nothing more is read while the sink cannot take what was read.
 */
final class Pump implements Runnable {
    static final int BUFFER = 64 * 1024;
    /** Per splice call; a pipe holds 64 KiB by default, so this rarely limits a call. */
    private static final long SPLICE_CHUNK = 1 << 20;
    private static final int SPLICE_FLAGS = Fds.SPLICE_F_NONBLOCK | Fds.SPLICE_F_MOVE;

    private final Copy copy;
    private final Endpoint source;
    private final Outlet sink;
    private final Feeder feeder;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Outcome outcome;
    private long bytes;

    Pump(Copy copy, Endpoint source, Outlet sink, Feeder feeder) {
        this.copy = copy;
        this.source = source;
        this.sink = sink;
        this.feeder = feeder;
    }

    Copy copy() {
        return copy;
    }

    /**
     * A virtual thread, unless an end could not be made non-blocking: a blocking read
     * there would pin a carrier, so that copy gets a platform thread of its own.
     */
    void start() {
        boolean blocking = source.kind() == Kind.BLOCKING
                || (sink instanceof Endpoint e && e.kind() == Kind.BLOCKING);
        Thread.Builder builder = blocking ? Thread.ofPlatform().daemon() : Thread.ofVirtual();
        builder.name("skiff-relay-" + copy.label()).start(this);
    }

    @Override
    public void run() {
        Ending ending;
        IOException failure = null;
        try {
            transfer();
            sink.finish();
            ending = Ending.END_OF_INPUT;
            failure = feeder == null ? null : feeder.awaitFailure();
        } catch (BrokenPipeException e) {
            ending = Ending.BROKEN_PIPE;
        } catch (AsynchronousCloseException | InterruptedException e) {
            ending = Ending.STOPPED;
        } catch (IOException | RuntimeException e) {
            failure = new IOException("copy `" + copy.label() + "`: " + e.getMessage(), e);
            ending = Ending.FAILED;
        } finally {
            // On a broken pipe this closes the source too, so the container's writer gets
            // EPIPE (or SIGPIPE) instead of filling a pipe nobody reads.
            source.close();
            sink.close();
        }
        if (failure != null) {
            ending = Ending.FAILED;
        }
        outcome = new Outcome(copy.label(), copy.output(), bytes, ending, failure);
        done.countDown();
    }

    private void transfer() throws IOException, InterruptedException {
        if (sink instanceof Endpoint to && spliceable(to) && spliceAll(to)) {
            return;
        }
        copyBuffered();
    }

    /** splice(2) needs a pipe on one side; sockets and blocking ends take the buffered path. */
    private boolean spliceable(Endpoint to) {
        Kind from = source.kind();
        boolean eligible = from != Kind.SOCKET && from != Kind.BLOCKING
                && to.kind() != Kind.SOCKET && to.kind() != Kind.BLOCKING;
        return eligible && (from == Kind.PIPE || to.kind() == Kind.PIPE);
    }

    /** Splices to end of input; false if the kernel cannot splice these two (EINVAL: a tty, ...). */
    private boolean spliceAll(Endpoint to) throws IOException, InterruptedException {
        while (true) {
            long n;
            try {
                n = splice(to);
            } catch (ErrnoException e) {
                if (e.errno() == Errno.EINVAL) {
                    return false;
                }
                if (e.errno() == Endpoint.EIO && source.kind() == Kind.TTY) {
                    return true;
                }
                throw to.asWriteFailure(e);
            }
            if (n == 0) {
                return true;
            }
            if (n > 0) {
                bytes += n;
            } else {
                awaitEitherSide(to);
            }
        }
    }

    private long splice(Endpoint to) throws IOException {
        int in = source.acquire();
        try {
            int out = to.acquire();
            try {
                return Fds.splice(in, out, SPLICE_CHUNK, SPLICE_FLAGS);
            } finally {
                to.release();
            }
        } finally {
            source.release();
        }
    }

    /**
     * splice said EAGAIN without saying which side: if the sink could take data now (or
     * its reader is gone, which the next splice reports), the source is empty.
     */
    private void awaitEitherSide(Endpoint to) throws IOException, InterruptedException {
        if (!to.pollable()) {
            source.awaitReadable();
        } else if (!source.pollable()) {
            to.awaitWritable();
        } else if (to.writableNow()) {
            source.awaitReadable();
        } else {
            to.awaitWritable();
        }
    }

    private void copyBuffered() throws IOException, InterruptedException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(BUFFER);
            while (true) {
                long n = source.read(buf, BUFFER);
                if (n == 0) {
                    return;
                }
                if (n < 0) {
                    source.awaitReadable();
                    continue;
                }
                sink.writeFully(buf.asSlice(0, n));
                bytes += n;
            }
        }
    }

    /** Stops the copy: closes its ends, which wakes it if it waits and fails its next call. */
    void stop() {
        source.close();
        sink.close();
        if (feeder != null) {
            feeder.stop();
        }
    }

    Outcome await() throws InterruptedException {
        done.await();
        return outcome;
    }

    boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The outcome, or null while the copy runs. */
    Outcome outcome() {
        return outcome;
    }
}
