package dev.skiff.libc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketsTest {

    @Test
    void scmRightsRoundTripDeliversAWorkingDescriptor() throws Exception {
        OwnedFd[] pair = Sockets.socketpair(Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC);
        OwnedFd[] pipe = Fds.pipe(Fds.O_CLOEXEC);
        try (OwnedFd a = pair[0]; OwnedFd b = pair[1]; OwnedFd r = pipe[0]; OwnedFd w = pipe[1];
                Arena arena = Arena.ofConfined()) {
            Sockets.sendFd(a, "/dev/pts/9".getBytes(StandardCharsets.UTF_8), w.fd());
            Sockets.ReceivedFd got = Sockets.receiveFd(b, 256);
            assertThat(new String(got.data(), StandardCharsets.UTF_8)).isEqualTo("/dev/pts/9");
            try (OwnedFd received = got.fd()) {
                assertThat(received.fd()).isNotEqualTo(w.fd());
                Fds.writeFully(received.fd(), arena.allocateFrom("via fd", StandardCharsets.UTF_8).asSlice(0, 6));
            }
            w.close();
            MemorySegment in = arena.allocate(16);
            long n = Fds.read(r.fd(), in, 16);
            assertThat(in.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE)).asString().isEqualTo("via fd");
        }
    }

    @Test
    void aMessageWithoutDescriptorIsRefused() throws Exception {
        OwnedFd[] pair = Sockets.socketpair(Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC);
        try (OwnedFd a = pair[0]; OwnedFd b = pair[1]; Arena arena = Arena.ofConfined()) {
            Fds.writeFully(a.fd(), arena.allocateFrom("x", StandardCharsets.UTF_8).asSlice(0, 1));
            assertThatThrownBy(() -> Sockets.receiveFd(b, 16)).isInstanceOf(IOException.class)
                    .hasMessageContaining("expected exactly one descriptor").hasMessageContaining("got 0");
        }
    }

    @Test
    void unixListenerAcceptsAConnection(@TempDir Path dir) throws Exception {
        String path = dir.resolve("console.sock").toString();
        try (OwnedFd listener = Sockets.listenUnix(path, Sockets.SOCK_CLOEXEC);
                OwnedFd client = Sockets.connectUnix(path);
                OwnedFd server = Sockets.accept(listener, Sockets.SOCK_CLOEXEC)) {
            assertThat(server).isNotNull();
            OwnedFd[] pipe = Fds.pipe(Fds.O_CLOEXEC);
            try (OwnedFd r = pipe[0]; OwnedFd w = pipe[1]) {
                Sockets.sendFd(client, new byte[0], r.fd());
                try (OwnedFd got = Sockets.receiveFd(server, 64).fd()) {
                    assertThat(Dirs.fstat(got.fd()).type()).isEqualTo(Dirs.S_IFIFO);
                }
            }
        }
    }
}
