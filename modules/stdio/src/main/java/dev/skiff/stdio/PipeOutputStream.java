package dev.skiff.stdio;

import dev.skiff.libc.OwnedFd;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A container's stdin pipe as an OutputStream (like {@link Process#getOutputStream()}).
 * Writes go through one bounded native buffer and wait on the poller when the pipe is
 * full; {@link #close()} gives the container end of file.
 */
public final class PipeOutputStream extends OutputStream {
    private final Endpoint end;
    private final MemorySegment buffer = Arena.ofAuto().allocate(Pump.BUFFER);
    private final ReentrantLock lock = new ReentrantLock();

    /** Takes ownership of {@code writeEnd}, which is closed by {@link #close()}. */
    public PipeOutputStream(OwnedFd writeEnd) throws IOException {
        this(writeEnd, Poller.shared());
    }

    public PipeOutputStream(OwnedFd writeEnd, Poller poller) throws IOException {
        this.end = Endpoints.owned("pipe output stream", writeEnd, poller);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /** Writes everything; an IOException whose message names a gone reader means EPIPE. */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        lock.lock();
        try {
            for (int done = 0; done < len; ) {
                int n = (int) Math.min(len - done, buffer.byteSize());
                MemorySegment.copy(b, off + done, buffer, ValueLayout.JAVA_BYTE, 0, n);
                end.writeFully(buffer.asSlice(0, n));
                done += n;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the pipe");
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        end.finish();
    }
}
