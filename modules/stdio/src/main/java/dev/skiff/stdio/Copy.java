package dev.skiff.stdio;

import java.util.Objects;

/**
 * One direction of a relay.
 *
 * @param label  names the copy in errors and outcomes ("stdin", "stdout")
 * @param output true for the container's stdout/stderr, which are drained to end of file
 *               before the exit is reported; false for stdin, abandoned at the end
 */
public record Copy(String label, Source source, Sink sink, boolean output) {
    public Copy {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
    }
}
