package dev.skiff.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import dev.skiff.libc.Sockets;
import dev.skiff.stdio.Endpoint.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How each kind of descriptor is made usable without blocking, and without touching the caller's. */
// Some descriptors are held open only to keep the other end of a pipe alive, and
// some are closed early on purpose, to send end of file.
@SuppressWarnings("try")
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EndpointsTest {
    @TempDir
    Path dir;

    @Test
    void aBorrowedPipeIsReopenedAsANewNonBlockingDescription() throws Exception {
        OwnedFd[] p = TestIo.pipe();
        try (OwnedFd r = p[0]; OwnedFd w = p[1]) {
            assertReopened(r, false);
            assertReopened(w, true);
        }
    }

    private static void assertReopened(OwnedFd callers, boolean forWriting) throws Exception {
        int before = Fds.statusFlags(callers.fd());
        Endpoint e = Endpoints.borrowed("test", callers.fd(), forWriting, Poller.shared());
        try {
            assertThat(e.kind()).isEqualTo(Kind.PIPE);
            int fd = e.acquire();
            e.release();
            assertThat(fd).isNotEqualTo(callers.fd());
            assertThat(Fds.statusFlags(fd) & Fds.O_NONBLOCK).isNotZero();
            assertThat(Fds.statusFlags(callers.fd())).isEqualTo(before);
        } finally {
            e.close();
        }
        assertThat(callers.isOpen()).isTrue();
        assertThat(Fds.statusFlags(callers.fd())).isEqualTo(before);
    }

    @Test
    void aBorrowedSocketIsDuplicatedWithItsFlagsUntouched() throws Exception {
        OwnedFd[] pair = Sockets.socketpair(Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC);
        try (OwnedFd a = pair[0]; OwnedFd b = pair[1]) {
            int before = Fds.statusFlags(a.fd());
            Endpoint e = Endpoints.borrowed("test", a.fd(), true, Poller.shared());
            assertThat(e.kind()).isEqualTo(Kind.SOCKET);
            e.close();
            assertThat(Fds.statusFlags(a.fd())).isEqualTo(before);
        }
    }

    @Test
    void filesAndNullDevicesAreUsedDirectly() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        try (OwnedFd f = Fds.open(file.toString(), Fds.O_RDONLY | Fds.O_CLOEXEC, 0);
                OwnedFd devNull = Fds.open("/dev/null", Fds.O_RDWR | Fds.O_CLOEXEC, 0)) {
            assertThat(Endpoints.classify(f.fd())).isEqualTo(Kind.FILE);
            assertThat(Endpoints.classify(devNull.fd())).isEqualTo(Kind.FILE);
        }
    }

    @Test
    void aFifoThatCannotBeReopenedFallsBackToBlocking() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        OwnedFd reader = Fds.open(fifo.toString(), Fds.O_RDONLY | Fds.O_NONBLOCK | Fds.O_CLOEXEC, 0);
        try (OwnedFd w = Fds.open(fifo.toString(), Fds.O_WRONLY | Fds.O_CLOEXEC, 0)) {
            reader.close();
            // Opening a named FIFO for writing, non-blocking, with no reader fails with ENXIO.
            Endpoint e = Endpoints.borrowed("test", w.fd(), true, Poller.shared());
            assertThat(e.kind()).isEqualTo(Kind.BLOCKING);
            e.close();
            assertThat(w.isOpen()).isTrue();
            assertThat(Fds.statusFlags(w.fd()) & Fds.O_NONBLOCK).isZero();
        }
    }

    @Test
    void anOwnedPipeIsMadeNonBlockingAndClosedWithTheEndpoint() throws Exception {
        OwnedFd[] p = TestIo.pipe();
        try (OwnedFd w = p[1]) {
            OwnedFd r = p[0];
            Endpoint e = Endpoints.owned("test", r, Poller.shared());
            assertThat(Fds.statusFlags(r.fd()) & Fds.O_NONBLOCK).isNotZero();
            e.close();
            assertThat(r.isOpen()).isFalse();
        }
    }

    @Test
    void closeWaitsForTheCallInFlight() throws Exception {
        OwnedFd[] p = TestIo.pipe();
        try (OwnedFd w = p[1]) {
            OwnedFd r = p[0];
            Endpoint e = Endpoints.owned("test", r, Poller.shared());
            e.acquire();
            e.close();
            assertThat(r.isOpen()).as("closed while a call still uses it").isTrue();
            e.release();
            assertThat(r.isOpen()).isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(e::acquire)
                    .isInstanceOf(java.nio.channels.AsynchronousCloseException.class);
        }
    }
}
