package dev.skiff.stdio;

import java.io.IOException;

/** The reader of a sink went away (EPIPE, or a terminal that hung up): not a relay failure. */
final class BrokenPipeException extends IOException {
    private static final long serialVersionUID = 1L;

    BrokenPipeException(String sink, IOException cause) {
        super(sink + ": reader went away", cause);
    }
}
