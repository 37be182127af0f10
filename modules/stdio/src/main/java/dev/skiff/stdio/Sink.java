package dev.skiff.stdio;

import dev.skiff.libc.OwnedFd;
import java.io.OutputStream;
import java.util.Objects;

/** Where a {@link Copy} writes: a descriptor Skiff owns, one it borrows, or a Java stream. */
public sealed interface Sink {

    /** A descriptor that moves into the relay: made non-blocking, closed when its copy ends. */
    record Owned(OwnedFd fd) implements Sink {
        public Owned {
            Objects.requireNonNull(fd, "fd");
        }
    }

    /**
     * A descriptor of the caller's (typically 1 or 2): never closed, its flags never
     * changed. A pipe or terminal is written through a new open file description of its
     * own (see {@link Relay}); a regular file or /dev/null is written directly.
     */
    record Borrowed(int fd) implements Sink {
        public Borrowed {
            if (fd < 0) {
                throw new IllegalArgumentException("not a descriptor: " + fd);
            }
        }
    }

    /** A library caller's stream: written and flushed, never closed (the caller owns it). */
    record Stream(OutputStream out) implements Sink {
        public Stream {
            Objects.requireNonNull(out, "out");
        }
    }

    static Sink owned(OwnedFd fd) {
        return new Owned(fd);
    }

    static Sink borrowed(int fd) {
        return new Borrowed(fd);
    }

    static Sink of(OutputStream out) {
        return new Stream(out);
    }
}
