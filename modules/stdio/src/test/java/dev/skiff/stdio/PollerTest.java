package dev.skiff.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import dev.skiff.libc.Sockets;
import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Some descriptors are held open only to keep the other end of a pipe alive, and
// some are closed early on purpose, to send end of file.
@SuppressWarnings("try")
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PollerTest {
    private Poller poller;

    @BeforeEach
    void start() throws IOException {
        poller = Poller.start("test-poller");
    }

    @AfterEach
    void stop() {
        poller.close();
    }

    /** Runs {@code body} in a virtual thread; the future completes when it returns. */
    private static CompletableFuture<Void> inVirtualThread(ThrowingRunnable body) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                body.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void wakesAReaderWhenDataArrives() throws Exception {
        OwnedFd[] p = TestIo.pipe();
        try (OwnedFd r = p[0]; OwnedFd w = p[1]) {
            CompletableFuture<Void> woke = inVirtualThread(() -> poller.awaitReadable(r.fd()));
            // Not ready yet: the waiter must still be parked.
            assertThat(woke).failsWithin(200, TimeUnit.MILLISECONDS);
            TestIo.writeAll(w.fd(), new byte[] {42});
            woke.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void wakesAWriterWhenThePipeDrains() throws Exception {
        OwnedFd[] p = TestIo.pipe();
        try (OwnedFd r = p[0]; OwnedFd w = p[1]) {
            Fds.setNonBlocking(w, true);
            fill(w);
            CompletableFuture<Void> woke = inVirtualThread(() -> poller.awaitWritable(w.fd()));
            assertThat(woke).failsWithin(200, TimeUnit.MILLISECONDS);
            drain(r);
            woke.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void servesAReaderAndAWriterOfOneDescriptor() throws Exception {
        OwnedFd[] pair = Sockets.socketpair(Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC);
        try (OwnedFd a = pair[0]; OwnedFd b = pair[1]) {
            Fds.setNonBlocking(a, true);
            fill(a);
            CompletableFuture<Void> reader = inVirtualThread(() -> poller.awaitReadable(a.fd()));
            CompletableFuture<Void> writer = inVirtualThread(() -> poller.awaitWritable(a.fd()));
            assertThat(reader).failsWithin(200, TimeUnit.MILLISECONDS);
            assertThat(writer).isNotDone();
            TestIo.writeAll(b.fd(), new byte[] {1});
            reader.get(5, TimeUnit.SECONDS);
            assertThat(writer).failsWithin(100, TimeUnit.MILLISECONDS);
            drain(b);
            writer.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void forgetWakesWaitersWithAsynchronousClose() throws Exception {
        OwnedFd[] p = TestIo.pipe();
        try (OwnedFd r = p[0]; OwnedFd w = p[1]) {
            CompletableFuture<Void> woke = inVirtualThread(() -> poller.awaitReadable(r.fd()));
            assertThat(woke).failsWithin(200, TimeUnit.MILLISECONDS);
            poller.forget(r.fd());
            assertThat(woke).failsWithin(5, TimeUnit.SECONDS)
                    .withThrowableThat().havingCause().isInstanceOf(AsynchronousCloseException.class);
            assertThat(poller.registered()).isZero();
        }
    }

    @Test
    void anInterruptedWaiterWithdraws() throws Exception {
        OwnedFd[] p = TestIo.pipe();
        try (OwnedFd r = p[0]; OwnedFd w = p[1]) {
            CompletableFuture<Thread> thread = new CompletableFuture<>();
            CompletableFuture<Void> woke = inVirtualThread(() -> {
                thread.complete(Thread.currentThread());
                poller.awaitReadable(r.fd());
            });
            assertThat(woke).failsWithin(200, TimeUnit.MILLISECONDS);
            thread.get().interrupt();
            assertThat(woke).failsWithin(5, TimeUnit.SECONDS)
                    .withThrowableThat().havingCause().isInstanceOf(InterruptedException.class);
            // The slot is free again: a new reader can wait and be woken.
            CompletableFuture<Void> again = inVirtualThread(() -> poller.awaitReadable(r.fd()));
            TestIo.writeAll(w.fd(), new byte[] {7});
            again.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void closingThePollerWakesEveryWaiter() throws Exception {
        OwnedFd[] p = TestIo.pipe();
        try (OwnedFd r = p[0]; OwnedFd w = p[1]) {
            CompletableFuture<Void> woke = inVirtualThread(() -> poller.awaitReadable(r.fd()));
            assertThat(woke).failsWithin(200, TimeUnit.MILLISECONDS);
            poller.close();
            assertThat(woke).failsWithin(5, TimeUnit.SECONDS)
                    .withThrowableThat().havingCause().isInstanceOf(AsynchronousCloseException.class);
            assertThatThrownBy(() -> poller.awaitReadable(r.fd())).isInstanceOf(IOException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void aRegularFileCannotBeAwaited() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("skiff-poller", ".txt");
        try (OwnedFd fd = Fds.open(file.toString(), Fds.O_RDONLY | Fds.O_CLOEXEC, 0)) {
            // epoll refuses regular files (EPERM): the relay must never ask, and the error says so.
            assertThatThrownBy(() -> poller.awaitReadable(fd.fd())).hasMessageContaining("EPERM");
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    /** Writes to a non-blocking descriptor until it would block. */
    static void fill(OwnedFd fd) throws IOException {
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            var buf = arena.allocate(65536);
            while (Fds.write(fd.fd(), buf, buf.byteSize()) > 0) {
                // keep going
            }
        }
    }

    private static void drain(OwnedFd blocking) throws IOException {
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            var buf = arena.allocate(1 << 20);
            while (Fds.poll(blocking.fd(), Fds.POLLIN, 0) != 0) {
                Fds.read(blocking.fd(), buf, buf.byteSize());
            }
        }
    }
}
