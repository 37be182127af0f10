package dev.skiff.stdio;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A library caller's OutputStream as a sink: written through one bounded heap buffer, never closed. */
final class StreamOutlet implements Outlet {
    private final OutputStream out;
    private final byte[] chunk = new byte[Pump.BUFFER];

    StreamOutlet(OutputStream out) {
        this.out = out;
    }

    @Override
    public void writeFully(MemorySegment data) throws IOException {
        for (long done = 0; done < data.byteSize(); ) {
            int n = (int) Math.min(chunk.length, data.byteSize() - done);
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, done, chunk, 0, n);
            out.write(chunk, 0, n);
            done += n;
        }
    }

    /** The caller owns the stream; flushing is how its reader gets the tail. */
    @Override
    public void finish() throws IOException {
        out.flush();
    }

    /**
     * Nothing to close. A write blocked inside the stream cannot be stopped from here
     * (interrupting the thread could close the caller's channel); it ends when the
     * stream returns, and the pump then finds its source closed.
     */
    @Override
    public void close() {
    }
}
