package dev.skiff.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import dev.skiff.libc.Sockets;
import dev.skiff.stdio.Outcome.Ending;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terminals: a caller's tty as a borrowed sink, a pty master as an owned source. The libc
 * layer cannot open a pty pair (no grantpt/unlockpt), so python3 opens one and passes
 * both ends over a unix socket; the test is skipped where python3 is missing.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RelayTerminalTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String OPEN_PTY = """
            import os, pty, socket, sys
            master, slave = pty.openpty()
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(sys.argv[1])
            socket.send_fds(s, [b'm'], [master])
            socket.send_fds(s, [b's'], [slave])
            """;

    @TempDir
    Path dir;
    private OwnedFd master;
    private OwnedFd slave;

    @BeforeEach
    void openPty() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) || onPath("python3"), "python3 needed");
        String path = dir.resolve("pty.sock").toString();
        try (OwnedFd listener = Sockets.listenUnix(path, Sockets.SOCK_CLOEXEC)) {
            Process helper = new ProcessBuilder("python3", "-c", OPEN_PTY, path).inheritIO().start();
            try (OwnedFd conn = Sockets.accept(listener, Sockets.SOCK_CLOEXEC)) {
                master = Sockets.receiveFd(conn, 1).fd();
                slave = Sockets.receiveFd(conn, 1).fd();
            }
            assertThat(helper.waitFor()).isZero();
        }
    }

    private static boolean onPath(String name) {
        return System.getenv("PATH") != null && List.of(System.getenv("PATH").split(":")).stream()
                .anyMatch(d -> Files.isExecutable(Path.of(d, name)));
    }

    @Test
    void aBorrowedTerminalIsWrittenWithoutChangingItsFlags() throws Exception {
        OwnedFd[] out = TestIo.pipe();
        try (OwnedFd m = master; OwnedFd s = slave) {
            int flags = Fds.statusFlags(s.fd());
            try (Relay relay = Relay.start(List.of(
                    new Copy("stdout", Source.owned(out[0]), Sink.borrowed(s.fd()), true)))) {
                TestIo.writeAsync(out[1], "hello\n".getBytes(StandardCharsets.UTF_8)).get();
                relay.awaitOutputs();
                // The line discipline turns \n into \r\n on its way to the master.
                assertThat(new String(TestIo.readSome(m.fd(), 64, PATIENCE), StandardCharsets.UTF_8))
                        .isEqualTo("hello\r\n");
            }
            assertThat(Fds.statusFlags(s.fd())).isEqualTo(flags);
            assertThat(s.isOpen()).isTrue();
        }
    }

    @Test
    void aPtyMasterEndsWhenItsSlaveHangsUp() throws Exception {
        OwnedFd[] out = TestIo.pipe();
        try (OwnedFd reader = out[0]; Relay relay = Relay.start(List.of(
                new Copy("stdout", Source.owned(master), Sink.owned(out[1]), true)))) {
            try (OwnedFd s = slave) {
                TestIo.writeAll(s.fd(), "hi\n".getBytes(StandardCharsets.UTF_8));
            }
            // Reading a master whose slave closed fails with EIO: that is the end of output.
            assertThat(relay.awaitOutputs(PATIENCE)).isTrue();
            assertThat(relay.outcomes()).singleElement().extracting(Outcome::ending).isEqualTo(Ending.END_OF_INPUT);
            assertThat(new String(TestIo.readAll(reader.fd(), PATIENCE), StandardCharsets.UTF_8)).isEqualTo("hi\r\n");
        }
    }
}
