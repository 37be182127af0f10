package dev.skiff.libc;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file descriptor with exactly one owner. {@link #close()} closes it once, whatever
 * the number of calls; {@link #release()} hands the raw number to a new owner and
 * leaves this value empty (crun's "steal").
 */
public final class OwnedFd implements AutoCloseable {
    private static final int EMPTY = -1;
    private final AtomicInteger fd;

    public OwnedFd(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("not a descriptor: " + fd);
        }
        this.fd = new AtomicInteger(fd);
    }

    /** The descriptor; fails if it was closed or released. */
    public int fd() {
        int value = fd.get();
        if (value == EMPTY) {
            throw new IllegalStateException("descriptor already closed or released");
        }
        return value;
    }

    public boolean isOpen() {
        return fd.get() != EMPTY;
    }

    /** Gives up ownership: the caller now owns the returned descriptor. */
    public int release() {
        int value = fd.getAndSet(EMPTY);
        if (value == EMPTY) {
            throw new IllegalStateException("descriptor already closed or released");
        }
        return value;
    }

    /** Closes the descriptor if this value still owns it. */
    @Override
    public void close() throws ErrnoException {
        int value = fd.getAndSet(EMPTY);
        if (value != EMPTY) {
            Fds.close(value);
        }
    }

    /** Closes, reporting a failure to {@code onError} instead of throwing (for finally paths). */
    public void closeQuietly(java.util.function.Consumer<? super ErrnoException> onError) {
        try {
            close();
        } catch (ErrnoException e) {
            onError.accept(e);
        }
    }

    /**
     * Closes every descriptor of {@code fds} (null elements are skipped), then throws the
     * first failure with the others suppressed: one failed close never leaves the rest open.
     */
    public static void closeAll(OwnedFd... fds) throws ErrnoException {
        ErrnoException failure = null;
        for (OwnedFd fd : fds) {
            if (fd == null) {
                continue;
            }
            try {
                fd.close();
            } catch (ErrnoException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        int value = fd.get();
        return value == EMPTY ? "fd(closed)" : "fd " + value;
    }
}
