package dev.skiff.mounts;

import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Errno;
import dev.skiff.libc.Xattrs;
import java.util.List;

/**
 * Copies extended attributes (user.*, security.*, trusted.*, ACLs) from one file to another.
 * A target file system or namespace that refuses an attribute (EOPNOTSUPP, or EPERM for a
 * non-root copier) loses it with one warning per copy, as tar extraction does; any other
 * failure is an error.
 */
final class AttributeCopy {
    private static final System.Logger LOG = System.getLogger(AttributeCopy.class.getName());

    private final String label;
    private boolean warned;

    AttributeCopy(String label) {
        this.label = label;
    }

    /** A name inside a held directory, reachable by path without re-resolving the directory. */
    static String entryPath(int dirfd, String name) {
        return "/proc/self/fd/" + dirfd + "/" + name;
    }

    /** Between two open descriptors (files and directories). */
    void copyByFd(int from, int to) throws ErrnoException {
        for (String name : names(() -> Xattrs.list(from))) {
            byte[] value = valueOrNull(() -> Xattrs.get(from, name));
            if (value != null) {
                set(name, () -> Xattrs.set(to, name, value));
            }
        }
    }

    /** Between two entries that cannot be opened for reading (symlinks, device nodes, FIFOs); the last component is not followed. */
    void copyByPath(String from, String to) throws ErrnoException {
        for (String name : names(() -> Xattrs.listLink(from))) {
            byte[] value = valueOrNull(() -> Xattrs.getLink(from, name));
            if (value != null) {
                set(name, () -> Xattrs.setLink(to, name, value));
            }
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T call() throws ErrnoException;
    }

    @FunctionalInterface
    private interface Action {
        void run() throws ErrnoException;
    }

    /** A source file system without attributes has none to copy. */
    private static List<String> names(Call<List<String>> list) throws ErrnoException {
        try {
            return list.call();
        } catch (ErrnoException e) {
            if (e.errno() == Xattrs.EOPNOTSUPP) {
                return List.of();
            }
            throw e;
        }
    }

    /** An attribute removed between list and get is simply gone. */
    private static byte[] valueOrNull(Call<byte[]> get) throws ErrnoException {
        try {
            return get.call();
        } catch (ErrnoException e) {
            if (e.errno() == Xattrs.ENODATA) {
                return null;
            }
            throw e;
        }
    }

    private void set(String name, Action set) throws ErrnoException {
        try {
            set.run();
        } catch (ErrnoException e) {
            if (e.errno() != Xattrs.EOPNOTSUPP && e.errno() != Errno.EPERM) {
                throw e;
            }
            if (!warned) {
                warned = true;
                LOG.log(System.Logger.Level.WARNING, "{0}: extended attribute `{1}` not kept ({2});"
                        + " further refusals in this copy are not reported", label, name, e.getMessage());
            }
        }
    }
}
