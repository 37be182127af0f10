package dev.skiff.stdio;

import java.io.IOException;

/**
 * How one {@link Copy} ended.
 *
 * @param bytes   how many bytes reached the sink
 * @param failure set when {@code ending} is {@link Ending#FAILED}, else null
 */
public record Outcome(String label, boolean output, long bytes, Ending ending, IOException failure) {

    public enum Ending {
        /** The source reached end of file and everything read was delivered. */
        END_OF_INPUT,
        /** The sink's reader went away (EPIPE); the source was closed so its writer learns too. */
        BROKEN_PIPE,
        /** Stopped by {@link Relay#close()}. */
        STOPPED,
        /** A real I/O error; see {@link #failure()}. */
        FAILED
    }
}
