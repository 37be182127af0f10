package dev.skiff.mounts;

import java.io.IOException;

/**
 * A mount could not be planned or prepared: a malformed {@code -v}/{@code --mount}/
 * {@code --add-host}/{@code --shm-size} value, or a failure while copying an image volume,
 * a bound file or a secret. The message names what was given and what is wrong, e.g.
 * {@code volume `/a:b`: container path `b` is not absolute}.
 */
public final class MountException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String spec;

    MountException(String message, String spec, Throwable cause) {
        super(message, cause);
        this.spec = spec;
    }

    /** {@code what `spec`: problem}, e.g. what = "volume". */
    static MountException invalid(String what, String spec, String problem) {
        return new MountException(what + " `" + spec + "`: " + problem, spec, null);
    }

    /** A failure while preparing {@code what `spec`}; the cause's message is kept. */
    static MountException failed(String what, String spec, IOException cause) {
        return new MountException(what + " `" + spec + "`: " + cause.getMessage(), spec, cause);
    }

    /** The value as the user or caller gave it (a volume spec, a path, an entry). */
    public String spec() {
        return spec;
    }
}
