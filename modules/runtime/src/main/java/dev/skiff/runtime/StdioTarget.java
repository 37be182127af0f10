package dev.skiff.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.util.Objects;

/** Where one of a container's stdio streams is connected, as a {@link ContainerBuilder} was told. */
sealed interface StdioTarget {

    /** The JDK's kinds: PIPE, INHERIT, DISCARD, and files to read, write or append to. */
    record Redirected(Redirect redirect) implements StdioTarget {
        public Redirected {
            Objects.requireNonNull(redirect, "redirect");
        }
    }

    /** stdin from a caller's stream, pumped by the relay; the stream is not closed. */
    record FromStream(InputStream in) implements StdioTarget {
        public FromStream {
            Objects.requireNonNull(in, "in");
        }
    }

    /** stdout or stderr into a caller's stream, written and flushed by the relay; not closed. */
    record ToStream(OutputStream out) implements StdioTarget {
        public ToStream {
            Objects.requireNonNull(out, "out");
        }
    }

    StdioTarget PIPE = new Redirected(Redirect.PIPE);
    StdioTarget DISCARD = new Redirected(Redirect.DISCARD);

    static StdioTarget input(Redirect redirect) {
        if (redirect.type() == Redirect.Type.WRITE || redirect.type() == Redirect.Type.APPEND) {
            throw new IllegalArgumentException("redirect stdin: " + redirect + " is for output");
        }
        return new Redirected(redirect);
    }

    static StdioTarget output(Redirect redirect) {
        if (redirect.type() == Redirect.Type.READ) {
            throw new IllegalArgumentException("redirect output: " + redirect + " is for input");
        }
        return new Redirected(redirect);
    }
}
