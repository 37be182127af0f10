package dev.skiff.libc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FdsTest {

    @Test
    void pipeCarriesBytesAndReportsEndOfFile() throws Exception {
        OwnedFd[] pipe = Fds.pipe(Fds.O_CLOEXEC);
        try (OwnedFd r = pipe[0]; OwnedFd w = pipe[1]; Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocateFrom("hello", StandardCharsets.UTF_8);
            Fds.writeFully(w.fd(), out.asSlice(0, 5));
            w.close();
            MemorySegment in = arena.allocate(16);
            long n = Fds.read(r.fd(), in, 16);
            assertThat(in.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE)).asString().isEqualTo("hello");
            assertThat(Fds.read(r.fd(), in, 16)).isZero();
        }
    }

    @Test
    void nonBlockingReadOfEmptyPipeReturnsMinusEagain() throws Exception {
        OwnedFd[] pipe = Fds.pipe(Fds.O_CLOEXEC | Fds.O_NONBLOCK);
        try (OwnedFd r = pipe[0]; OwnedFd w = pipe[1]; Arena arena = Arena.ofConfined()) {
            assertThat(Fds.read(r.fd(), arena.allocate(8), 8)).isEqualTo(-Errno.EAGAIN);
        }
    }

    @Test
    void setNonBlockingChangesOnlyThatFlag() throws Exception {
        OwnedFd[] pipe = Fds.pipe(Fds.O_CLOEXEC);
        try (OwnedFd r = pipe[0]; OwnedFd w = pipe[1]) {
            assertThat(Fds.statusFlags(r.fd()) & Fds.O_NONBLOCK).isZero();
            Fds.setNonBlocking(r, true);
            assertThat(Fds.statusFlags(r.fd()) & Fds.O_NONBLOCK).isNotZero();
            Fds.setNonBlocking(r, false);
            assertThat(Fds.statusFlags(r.fd()) & Fds.O_NONBLOCK).isZero();
        }
    }

    @Test
    void failureNamesCallTargetAndErrno() {
        assertThatThrownBy(() -> Fds.open("/nonexistent/skiff-test", Fds.O_RDONLY | Fds.O_CLOEXEC, 0))
                .isInstanceOfSatisfying(ErrnoException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENOENT);
                    assertThat(e.call()).isEqualTo("open");
                    assertThat(e.getMessage())
                            .isEqualTo("open `/nonexistent/skiff-test`: ENOENT (No such file or directory)");
                });
    }

    @Test
    void ownedFdClosesOnceAndReleaseHandsOver() throws Exception {
        OwnedFd[] pipe = Fds.pipe(Fds.O_CLOEXEC);
        pipe[0].close();
        pipe[0].close();
        assertThat(pipe[0].isOpen()).isFalse();
        int raw = pipe[1].release();
        assertThat(pipe[1].isOpen()).isFalse();
        pipe[1].close(); // no-op: ownership moved
        assertThat(Fds.statusFlags(raw)).isNotNegative();
        new OwnedFd(raw).close();
        assertThatThrownBy(() -> Fds.statusFlags(raw)).isInstanceOf(ErrnoException.class)
                .hasMessageContaining("EBADF");
    }

    @Test
    void spliceMovesBetweenPipes() throws Exception {
        OwnedFd[] a = Fds.pipe(Fds.O_CLOEXEC);
        OwnedFd[] b = Fds.pipe(Fds.O_CLOEXEC);
        try (OwnedFd ar = a[0]; OwnedFd aw = a[1]; OwnedFd br = b[0]; OwnedFd bw = b[1];
                Arena arena = Arena.ofConfined()) {
            Fds.writeFully(aw.fd(), arena.allocateFrom("spliced", StandardCharsets.UTF_8).asSlice(0, 7));
            assertThat(Fds.splice(ar.fd(), bw.fd(), 1 << 16, Fds.SPLICE_F_MOVE)).isEqualTo(7);
            MemorySegment in = arena.allocate(16);
            long n = Fds.read(br.fd(), in, 16);
            assertThat(in.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE)).asString().isEqualTo("spliced");
        }
    }

    @Test
    void closeAllClosesEveryDescriptorAndReportsTheFirstFailure() throws Exception {
        OwnedFd[] pipe = Fds.pipe(Fds.O_CLOEXEC);
        int read = pipe[0].fd();
        int write = pipe[1].fd();
        // A number above any descriptor limit: its close fails with EBADF.
        OwnedFd stale = new OwnedFd(1_000_000);

        assertThatThrownBy(() -> OwnedFd.closeAll(stale, null, pipe[0], pipe[1]))
                .isInstanceOf(ErrnoException.class).hasMessageContaining("EBADF");
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/fd/" + read))).isFalse();
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/fd/" + write))).isFalse();
    }
}
