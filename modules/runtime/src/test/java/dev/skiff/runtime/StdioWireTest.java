package dev.skiff.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import dev.skiff.libc.Sockets;
import dev.skiff.mounts.HostOwner;
import dev.skiff.stdio.Sink;
import dev.skiff.stdio.Source;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which of the caller's descriptors go straight to the runtime, on real descriptors. */
class StdioWireTest {
    private static final HostOwner MAPPED_ROOT = new HostOwner(100000, 100000);

    @TempDir
    Path dir;

    @Test
    void pipesSocketsAndDevNullGoStraightThrough() throws Exception {
        OwnedFd[] pipe = Fds.pipe(Fds.O_CLOEXEC);
        OwnedFd[] sockets = Sockets.socketpair(Sockets.SOCK_STREAM);
        try (OwnedFd devNull = Fds.open("/dev/null", Fds.O_RDONLY | Fds.O_CLOEXEC, 0)) {
            assertPassed(StdioWire.stdin(Source.borrowed(pipe[0].fd()), HostOwner.ROOT), pipe[0].fd());
            assertPassed(StdioWire.stdout(Sink.borrowed(pipe[1].fd()), HostOwner.ROOT), pipe[1].fd());
            assertPassed(StdioWire.stdout(Sink.borrowed(sockets[0].fd()), HostOwner.ROOT), sockets[0].fd());
            assertPassed(StdioWire.stdin(Source.borrowed(devNull.fd()), HostOwner.ROOT), devNull.fd());
        } finally {
            for (OwnedFd fd : new OwnedFd[] {pipe[0], pipe[1], sockets[0], sockets[1]}) {
                fd.close();
            }
        }
    }

    @Test
    void aDescriptorSkiffOwnsIsClosedOnceTheRuntimeHasIt() throws Exception {
        OwnedFd devNull = Fds.open("/dev/null", Fds.O_RDONLY | Fds.O_CLOEXEC, 0);
        int fd = devNull.fd();
        StdioWire wire = StdioWire.stdin(Source.owned(devNull), HostOwner.ROOT);
        assertThat(wire).isInstanceOf(StdioWire.Passed.class);
        wire.created();
        assertThat(isOpen(fd)).isFalse();
    }

    @Test
    void stderrTerminalsRegularFilesAndStreamsAreRelayed() throws Exception {
        OwnedFd[] pipe = Fds.pipe(Fds.O_CLOEXEC);
        Path file = Files.createFile(dir.resolve("out"));
        try (OwnedFd regular = Fds.open(file.toString(), Fds.O_WRONLY | Fds.O_CLOEXEC, 0);
                OwnedFd terminal = Fds.open("/dev/ptmx", Fds.O_RDWR | Fds.O_NOCTTY | Fds.O_CLOEXEC, 0)) {
            assertRelayed(StdioWire.stderr(HostOwner.ROOT));
            assertRelayed(StdioWire.stdout(Sink.borrowed(regular.fd()), HostOwner.ROOT));
            assertRelayed(StdioWire.stdout(Sink.borrowed(terminal.fd()), HostOwner.ROOT));
            assertRelayed(StdioWire.stdout(Sink.of(new ByteArrayOutputStream()), HostOwner.ROOT));
            assertRelayed(StdioWire.stdin(Source.of(InputStream.nullInputStream()), HostOwner.ROOT));
        } finally {
            pipe[0].close();
            pipe[1].close();
        }
    }

    @Test
    void aMappedRootGetsPipesItOwns() throws Exception {
        OwnedFd[] pipe = Fds.pipe(Fds.O_CLOEXEC);
        try {
            StdioWire wire = StdioWire.stdout(Sink.borrowed(pipe[1].fd()), MAPPED_ROOT);
            assertThat(Files.getAttribute(Path.of("/proc/self/fd/" + wire.containerFd()), "unix:uid"))
                    .isEqualTo(MAPPED_ROOT.uid());
            assertRelayed(wire);
        } finally {
            pipe[0].close();
            pipe[1].close();
        }
    }

    private static void assertPassed(StdioWire wire, int fd) throws Exception {
        assertThat(wire).isInstanceOf(StdioWire.Passed.class);
        assertThat(wire.containerFd()).isEqualTo(fd);
        assertThat(wire.copy("x", Source.borrowed(fd), Sink.borrowed(fd), true)).isEmpty();
        wire.created();
        assertThat(isOpen(fd)).as("a borrowed descriptor stays open").isTrue();
    }

    private static void assertRelayed(StdioWire wire) throws Exception {
        try {
            assertThat(wire).isInstanceOf(StdioWire.Piped.class);
            assertThat(wire.copy("x", Source.borrowed(0), Sink.borrowed(1), true)).isPresent();
        } finally {
            wire.close();
        }
    }

    private static boolean isOpen(int fd) {
        return Files.exists(Path.of("/proc/self/fd/" + fd));
    }
}
