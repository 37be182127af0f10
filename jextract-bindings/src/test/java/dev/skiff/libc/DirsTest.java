package dev.skiff.libc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirsTest {

    private static String readAll(OwnedFd fd) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(256);
            long n = Fds.read(fd.fd(), buf, 256);
            return new String(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Test
    void resolveInRootKeepsDotDotAndAbsoluteLinksInside(@TempDir Path tmp) throws Exception {
        Path host = Files.writeString(tmp.resolve("host-secret"), "host");
        Path root = Files.createDirectories(tmp.resolve("rootfs"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("host-secret"), "inside");
        Files.createSymbolicLink(root.resolve("etc/abs"), host);          // absolute, to the host
        Files.createSymbolicLink(root.resolve("etc/rel"), Path.of("../../host-secret"));

        try (OwnedFd dir = Fds.open(root.toString(), Fds.O_PATH | Fds.O_DIRECTORY | Fds.O_CLOEXEC, 0)) {
            int flags = Fds.O_RDONLY | Fds.O_CLOEXEC;
            try (OwnedFd f = Dirs.openat2(dir.fd(), "../host-secret", flags, 0, Dirs.RESOLVE_IN_ROOT)) {
                assertThat(readAll(f)).isEqualTo("inside");
            }
            try (OwnedFd f = Dirs.openat2(dir.fd(), "etc/rel", flags, 0, Dirs.RESOLVE_IN_ROOT)) {
                assertThat(readAll(f)).isEqualTo("inside");
            }
            // The absolute link names a path that exists only on the host.
            assertThatThrownBy(() -> Dirs.openat2(dir.fd(), "etc/abs", flags, 0, Dirs.RESOLVE_IN_ROOT))
                    .isInstanceOf(ErrnoException.class).hasMessageContaining("ENOENT");
            // Without confinement the same link reaches the host: the test can tell.
            try (OwnedFd f = Fds.openat(dir.fd(), "etc/abs", flags, 0)) {
                assertThat(readAll(f)).isEqualTo("host");
            }
        }
    }

    @Test
    void mkdiratAndFstat(@TempDir Path tmp) throws Exception {
        try (OwnedFd dir = Fds.open(tmp.toString(), Fds.O_PATH | Fds.O_DIRECTORY | Fds.O_CLOEXEC, 0)) {
            assertThat(Dirs.mkdirat(dir.fd(), "made", 0755)).isTrue();
            assertThat(Dirs.mkdirat(dir.fd(), "made", 0755)).isFalse();
            try (OwnedFd made = Dirs.openat2(dir.fd(), "made", Fds.O_PATH | Fds.O_CLOEXEC, 0, Dirs.RESOLVE_IN_ROOT)) {
                assertThat(Dirs.fstat(made.fd()).isDirectory()).isTrue();
            }
        }
    }
}
