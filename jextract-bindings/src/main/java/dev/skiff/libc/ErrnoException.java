package dev.skiff.libc;

import java.io.IOException;

/**
 * A libc call failed. Carries the call, what it acted on, and errno; the message reads
 * like crun's: {@code openat2 `etc/passwd`: ENOENT (No such file or directory)}.
 * Outer layers add their own context by wrapping, not by rewording.
 */
public final class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final String target;
    private final int errno;

    public ErrnoException(String call, Object target, int errno) {
        super(format(call, target, errno));
        this.call = call;
        this.target = target == null ? null : target.toString();
        this.errno = errno;
    }

    private static String format(String call, Object target, int errno) {
        String where = target == null ? "" : " `" + target + "`";
        return call + where + ": " + Errno.name(errno) + " (" + Errno.description(errno) + ")";
    }

    /** The libc function that failed. */
    public String call() {
        return call;
    }

    /** The path or descriptor it acted on, or null. */
    public String target() {
        return target;
    }

    public int errno() {
        return errno;
    }

    public String errnoName() {
        return Errno.name(errno);
    }
}
