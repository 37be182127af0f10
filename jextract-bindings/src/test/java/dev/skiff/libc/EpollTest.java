package dev.skiff.libc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EpollTest {

    @Test
    void reportsReadinessWithItsData() throws Exception {
        OwnedFd[] pipe = Fds.pipe(Fds.O_CLOEXEC | Fds.O_NONBLOCK);
        try (OwnedFd r = pipe[0]; OwnedFd w = pipe[1]; Epoll epoll = Epoll.create(); Arena arena = Arena.ofConfined()) {
            epoll.control(Epoll.CTL_ADD, r.fd(), Epoll.EPOLLIN, 0x1234_5678_9abcL);
            Epoll.Events events = new Epoll.Events(arena, 4);
            assertThat(epoll.await(events, 0)).isZero();
            Fds.writeFully(w.fd(), arena.allocateFrom("x", StandardCharsets.UTF_8).asSlice(0, 1));
            assertThat(epoll.await(events, 5_000)).isEqualTo(1);
            assertThat(events.data(0)).isEqualTo(0x1234_5678_9abcL);
            assertThat(events.events(0) & Epoll.EPOLLIN).isNotZero();
        }
    }
}
