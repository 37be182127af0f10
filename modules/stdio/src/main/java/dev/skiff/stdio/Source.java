package dev.skiff.stdio;

import dev.skiff.libc.OwnedFd;
import java.io.InputStream;
import java.util.Objects;

/** Where a {@link Copy} reads: a descriptor Skiff owns, one it borrows, or a Java stream. */
public sealed interface Source {

    /** A descriptor that moves into the relay: made non-blocking, closed when its copy ends. */
    record Owned(OwnedFd fd) implements Source {
        public Owned {
            Objects.requireNonNull(fd, "fd");
        }
    }

    /**
     * A descriptor of the caller's (typically 0): never closed, its flags never changed.
     * A pipe or terminal is read through a new open file description of its own (see
     * {@link Relay}); a regular file or /dev/null is read directly.
     */
    record Borrowed(int fd) implements Source {
        public Borrowed {
            if (fd < 0) {
                throw new IllegalArgumentException("not a descriptor: " + fd);
            }
        }
    }

    /** A library caller's stream, pumped by a virtual thread into a pipe Skiff owns; not closed. */
    record Stream(InputStream in) implements Source {
        public Stream {
            Objects.requireNonNull(in, "in");
        }
    }

    static Source owned(OwnedFd fd) {
        return new Owned(fd);
    }

    static Source borrowed(int fd) {
        return new Borrowed(fd);
    }

    static Source of(InputStream in) {
        return new Stream(in);
    }
}
