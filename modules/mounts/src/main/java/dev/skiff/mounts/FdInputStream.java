package dev.skiff.mounts;

import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * An InputStream over a descriptor it owns. The JDK cannot wrap a raw descriptor in a
 * FileInputStream, and files inside a rootfs must be opened through openat2.
 */
final class FdInputStream extends InputStream {
    /** Bounds the native buffer of one read, whatever the caller asks for. */
    private static final int MAX_CHUNK = 64 * 1024;

    private final OwnedFd fd;
    private final String name;

    FdInputStream(OwnedFd fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int chunk = Math.min(len, MAX_CHUNK);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(chunk);
            long n = Fds.read(fd.fd(), buf, chunk);
            if (n < 0) {
                // Only a non-blocking pipe or socket says EAGAIN; a regular file never does.
                throw new IOException("read `" + name + "`: would block");
            }
            if (n == 0) {
                return -1;
            }
            MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, b, off, (int) n);
            return (int) n;
        } catch (ErrnoException e) {
            throw new IOException("read `" + name + "`: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        fd.close();
    }
}
