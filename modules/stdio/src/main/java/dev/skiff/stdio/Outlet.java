package dev.skiff.stdio;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/** Where a pump delivers bytes: a descriptor, or a library caller's OutputStream. */
sealed interface Outlet permits Endpoint, StreamOutlet {

    /** Delivers all of {@code data}, waiting while the reader is behind (backpressure). */
    void writeFully(MemorySegment data) throws IOException, InterruptedException;

    /** End of input: close what Skiff owns (so the reader sees end of file), flush a stream. */
    void finish() throws IOException;

    /** Stop: close what Skiff owns; idempotent, never throws. */
    void close();
}
