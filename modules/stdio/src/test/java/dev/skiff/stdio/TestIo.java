package dev.skiff.stdio;

import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32C;

/**
 * The far ends of the pipes a relay works on, driven the plain way: blocking calls on
 * descriptors the test created, each on a platform thread of its own.
 */
final class TestIo {
    private static final int CHUNK = 1 << 20;

    private TestIo() {}

    /** What a consumer saw: how many bytes, and their CRC-32C. */
    record Digest(long bytes, long crc) {}

    static OwnedFd[] pipe() throws ErrnoException {
        return Fds.pipe(Fds.O_CLOEXEC);
    }

    /** Writes {@code size} seeded pseudo-random bytes to {@code fd}, then closes it. */
    static CompletableFuture<Digest> produce(OwnedFd fd, long size, long seed) {
        CompletableFuture<Digest> result = new CompletableFuture<>();
        Thread.ofPlatform().name("test-producer").start(() -> {
            try (Arena arena = Arena.ofConfined(); fd) {
                // One random chunk, stamped with its index each time: every chunk differs, so
                // a lost, repeated or reordered chunk changes the CRC, and the producer stays cheap.
                byte[] chunk = new byte[CHUNK];
                new SplittableRandom(seed).nextBytes(chunk);
                MemorySegment buf = arena.allocate(CHUNK);
                CRC32C crc = new CRC32C();
                long index = 0;
                for (long left = size; left > 0; index++) {
                    int n = (int) Math.min(CHUNK, left);
                    java.nio.ByteBuffer.wrap(chunk).putLong(0, index);
                    crc.update(chunk, 0, n);
                    MemorySegment.copy(chunk, 0, buf, ValueLayout.JAVA_BYTE, 0, n);
                    Fds.writeFully(fd.fd(), buf.asSlice(0, n));
                    left -= n;
                }
                result.complete(new Digest(size, crc.getValue()));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** Writes {@code data} to {@code fd}, then closes it. */
    static CompletableFuture<Void> writeAsync(OwnedFd fd, byte[] data) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        Thread.ofPlatform().name("test-writer").start(() -> {
            try (fd) {
                writeAll(fd.fd(), data);
                result.complete(null);
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** Reads {@code fd} to end of file, then closes it. */
    static CompletableFuture<Digest> consume(OwnedFd fd) {
        CompletableFuture<Digest> result = new CompletableFuture<>();
        Thread.ofPlatform().name("test-consumer").start(() -> {
            try (Arena arena = Arena.ofConfined(); fd) {
                MemorySegment buf = arena.allocate(CHUNK);
                CRC32C crc = new CRC32C();
                long total = 0;
                long n;
                while ((n = Fds.read(fd.fd(), buf, CHUNK)) > 0) {
                    crc.update(buf.asSlice(0, n).asByteBuffer());
                    total += n;
                }
                result.complete(new Digest(total, crc.getValue()));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    static Digest digest(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return new Digest(data.length, crc.getValue());
    }

    static void writeAll(int fd, byte[] data) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            Fds.writeFully(fd, arena.allocateFrom(ValueLayout.JAVA_BYTE, data));
        }
    }

    /** Reads a blocking descriptor to end of file, failing if it stays silent for {@code patience}. */
    static byte[] readAll(int fd, Duration patience) throws IOException, TimeoutException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            byte[] got = readSome(fd, 65536, patience);
            if (got.length == 0) {
                return out.toByteArray();
            }
            out.writeBytes(got);
        }
    }

    /** One read of up to {@code max} bytes; empty at end of file. */
    static byte[] readSome(int fd, int max, Duration patience) throws IOException, TimeoutException {
        if (Fds.poll(fd, Fds.POLLIN, (int) patience.toMillis()) == 0) {
            throw new TimeoutException("fd " + fd + " silent for " + patience);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(max);
            long n = Fds.read(fd, buf, max);
            if (n < 0) {
                throw new UncheckedIOException(new IOException("fd " + fd + " would block after POLLIN"));
            }
            return buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    /** True if {@code fd}, a pipe's read end, reports end of file within {@code patience}. */
    static boolean seesEndOfFile(int fd, Duration patience) throws IOException, TimeoutException {
        return readSome(fd, 1, patience).length == 0;
    }

    static byte[] allByteValues(int repeat) {
        byte[] data = new byte[256 * repeat];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        return data;
    }
}
