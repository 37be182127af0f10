package dev.skiff.runtime;

import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/** Reads what is already waiting on a non-blocking descriptor, for an error message. */
final class Drain {
    private static final int LIMIT = 64 * 1024;

    private Drain() {}

    static String available(OwnedFd fd) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(8192);
            long n;
            while (bytes.size() < LIMIT && (n = Fds.read(fd.fd(), buf, buf.byteSize())) > 0) {
                bytes.writeBytes(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
            }
        } catch (ErrnoException | IllegalStateException e) {
            // best effort: this only adds detail to an error already being reported
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
