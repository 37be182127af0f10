package dev.skiff.stdio;

import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.AsynchronousCloseException;
import java.util.concurrent.CountDownLatch;

/**
 * Copies a library caller's InputStream into a pipe Skiff owns, in a virtual thread, so
 * that the pump reads an ordinary descriptor. End of stream closes the pipe, which the
 * pump sees as end of input. The stream itself is never closed (the caller owns it).
 */
final class Feeder implements Runnable {
    private final String label;
    private final InputStream in;
    private final Endpoint writeEnd;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile IOException failure;

    private Feeder(String label, InputStream in, Endpoint writeEnd) {
        this.label = label;
        this.in = in;
        this.writeEnd = writeEnd;
    }

    /** The feeder and the read end of its pipe, which the caller now owns. */
    record Started(Feeder feeder, OwnedFd readEnd) {}

    static Started start(String label, InputStream in, Poller poller) throws IOException {
        OwnedFd[] pipe = Fds.pipe(Fds.O_CLOEXEC);
        Endpoint writeEnd;
        try {
            writeEnd = Endpoints.owned(label + " stream pipe", pipe[1], poller);
        } catch (IOException e) {
            pipe[0].closeQuietly(e::addSuppressed);
            throw e;
        }
        Feeder feeder = new Feeder(label, in, writeEnd);
        Thread.ofVirtual().name("skiff-feed-" + label).start(feeder);
        return new Started(feeder, pipe[0]);
    }

    @Override
    public void run() {
        byte[] chunk = new byte[Pump.BUFFER];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(chunk.length);
            int n;
            while ((n = in.read(chunk)) >= 0) {
                MemorySegment.copy(chunk, 0, buf, ValueLayout.JAVA_BYTE, 0, n);
                writeEnd.writeFully(buf.asSlice(0, n));
            }
            writeEnd.finish();
        } catch (BrokenPipeException | AsynchronousCloseException | InterruptedException e) {
            // The pump stopped reading (its sink went away, or the relay was closed).
        } catch (IOException e) {
            failure = new IOException("read `" + label + "` stream: " + e.getMessage(), e);
        } finally {
            writeEnd.close();
            done.countDown();
        }
    }

    /**
     * Why the stream could not be read to its end, or null. For a pump that saw end of
     * input: the feeder closed the pipe's only write end, so it is finishing already.
     */
    IOException awaitFailure() throws InterruptedException {
        done.await();
        return failure;
    }

    /** Closes the pipe; a read blocked inside the caller's stream ends when the stream returns. */
    void stop() {
        writeEnd.close();
    }
}
