package dev.skiff.stdio;

import dev.skiff.libc.OwnedFd;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A container's output pipe as an InputStream, for a library caller that asked for it
 * (the PIPE redirect, like {@link Process#getInputStream()}). Reads wait on the poller,
 * so a virtual thread reading it parks instead of pinning its carrier.
 */
public final class PipeInputStream extends InputStream {
    private final Endpoint end;
    /** One native buffer per stream, freed by the GC: a close racing a read cannot free it under the read. */
    private final MemorySegment buffer = Arena.ofAuto().allocate(Pump.BUFFER);
    private final ReentrantLock lock = new ReentrantLock();

    /** Takes ownership of {@code readEnd}, which is closed by {@link #close()}. */
    public PipeInputStream(OwnedFd readEnd) throws IOException {
        this(readEnd, Poller.shared());
    }

    public PipeInputStream(OwnedFd readEnd, Poller poller) throws IOException {
        this.end = Endpoints.owned("pipe input stream", readEnd, poller);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            while (true) {
                long n = end.read(buffer, Math.min(len, buffer.byteSize()));
                if (n == 0) {
                    return -1;
                }
                if (n > 0) {
                    MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, b, off, (int) n);
                    return (int) n;
                }
                end.awaitReadable();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the pipe");
        } finally {
            lock.unlock();
        }
    }

    /** Closes the pipe: the writer then gets EPIPE. A read waiting concurrently fails. */
    @Override
    public void close() throws IOException {
        end.finish();
    }
}
