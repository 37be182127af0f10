package dev.skiff.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.libc.OwnedFd;
import dev.skiff.libc.Sockets;
import dev.skiff.libc.Terminals;
import dev.skiff.runtime.Monitor;
import dev.skiff.runtime.NetworkAttachment;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The monitor child's side of the control socket, over a real socket pair. */
class CommandLoopTest {
    /**
     * The soak found a KILL sent right after start() lost: the library heard of the start
     * before the stopper had the container, and the stopper dropped the signal. The start is
     * now reported only once a signal can be carried out.
     */
    @Test
    void whenTheLibraryHearsOfTheStartASignalReachesTheContainer() throws Exception {
        OwnedFd[] pair = Sockets.socketpair(Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC);
        Stopper stopper = new Stopper(Duration.ofSeconds(60));
        List<Boolean> signalableWhenReported = new CopyOnWriteArrayList<>();
        try (ControlChannel library = ControlChannel.over(pair[0]); ControlChannel monitor = ControlChannel.over(pair[1])) {
            CommandLoop loop = CommandLoop.start(monitor, stopper);
            loop.started(new FakeControl() {
                @Override
                public List<NetworkAttachment> networks() {
                    // Called while the start is being reported: what a command arriving now would find.
                    signalableWhenReported.add(signalable(stopper));
                    return List.of();
                }
            });
            assertThat(library.receive(Protocol.Event.class)).isInstanceOf(Protocol.Started.class);
            assertThat(signalableWhenReported).containsExactly(true);
            loop.finished();
        } finally {
            stopper.close();
        }
    }

    private static boolean signalable(Stopper stopper) {
        try {
            return stopper.signal(0);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A container that is always there and records nothing. */
    private static class FakeControl implements Monitor.ContainerControl {
        @Override
        public int pid() {
            return 4242;
        }

        @Override
        public boolean signal(int signal) {
            return true;
        }

        @Override
        public void resize(Terminals.WindowSize size) {}

        @Override
        public List<NetworkAttachment> networks() {
            return List.of();
        }
    }
}
