package dev.skiff.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import dev.skiff.libc.Processes;
import dev.skiff.libc.WaitStatus;
import dev.skiff.stdio.Outcome.Ending;
import dev.skiff.stdio.TestIo.Digest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A real child process stands in for the container. */
// Some descriptors are held open only to keep the other end of a pipe alive, and
// some are closed early on purpose, to send end of file.
@SuppressWarnings("try")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RelayProcessTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** The child's three pipes; the parent's ends of them, as the runtime module holds them. */
    private record Child(int pid, OwnedFd stdin, OwnedFd stdout, OwnedFd stderr) {
        static Child spawn(String script) throws Exception {
            OwnedFd[] in = TestIo.pipe();
            OwnedFd[] out = TestIo.pipe();
            OwnedFd[] err = TestIo.pipe();
            try (OwnedFd childIn = in[0]; OwnedFd childOut = out[1]; OwnedFd childErr = err[1]) {
                int pid = Processes.spawn(new Processes.Spawn("/bin/sh", List.of("sh", "-c", script), null,
                        Map.of(0, childIn.fd(), 1, childOut.fd(), 2, childErr.fd())));
                return new Child(pid, in[1], out[0], err[0]);
            }
        }

        /** Whether the child exits within {@code patience} (its pidfd turns readable); does not reap it. */
        boolean exitsWithin(Duration patience) throws Exception {
            try (OwnedFd pidfd = Processes.pidfdOpen(pid)) {
                return Fds.poll(pidfd.fd(), Fds.POLLIN, (int) patience.toMillis()) != 0;
            }
        }

        WaitStatus await() throws Exception {
            return Processes.waitPid(pid);
        }
    }

    @Test
    void catRoundTripWithStdinEndOfFile() throws Exception {
        Child child = Child.spawn("cat; echo done >&2");
        OwnedFd[] callerIn = TestIo.pipe();
        OwnedFd[] callerOut = TestIo.pipe();
        OwnedFd[] callerErr = TestIo.pipe();
        long size = 32L << 20;
        CompletableFuture<Digest> sent = TestIo.produce(callerIn[1], size, 11);
        CompletableFuture<Digest> received = TestIo.consume(callerOut[0]);
        try (OwnedFd inRead = callerIn[0]; OwnedFd outWrite = callerOut[1]; OwnedFd errWrite = callerErr[1];
                OwnedFd errRead = callerErr[0];
                Relay relay = Relay.start(List.of(
                        new Copy("stdin", Source.borrowed(inRead.fd()), Sink.owned(child.stdin()), false),
                        new Copy("stdout", Source.owned(child.stdout()), Sink.borrowed(outWrite.fd()), true),
                        new Copy("stderr", Source.owned(child.stderr()), Sink.borrowed(errWrite.fd()), true)))) {
            // cat only exits once stdin's end of file has reached it through the relay.
            assertThat(child.await()).isEqualTo(new WaitStatus.Exited(0));
            relay.awaitOutputs();
            assertThat(relay.brokenPipes()).isEmpty();
            outWrite.close();
            assertThat(received.get(30, TimeUnit.SECONDS)).isEqualTo(sent.get(30, TimeUnit.SECONDS));
            errWrite.close();
            assertThat(new String(TestIo.readAll(errRead.fd(), PATIENCE))).isEqualTo("done\n");
        }
    }

    @Test
    void aReaderThatLeavesEarlyBreaksThePipeWithoutAHang() throws Exception {
        Child child = Child.spawn("exec yes skiff");
        OwnedFd[] callerOut = TestIo.pipe();
        child.stdin().close();
        child.stderr().close();
        try (OwnedFd outWrite = callerOut[1];
                Relay relay = Relay.start(List.of(
                        new Copy("stdout", Source.owned(child.stdout()), Sink.borrowed(outWrite.fd()), true)))) {
            try (OwnedFd outRead = callerOut[0]) {
                assertThat(new String(TestIo.readSome(outRead.fd(), 6, PATIENCE))).startsWith("skiff");
            }
            // The relay stops on EPIPE without throwing, and closes the child's stdout...
            assertThat(relay.awaitOutputs(PATIENCE)).isTrue();
            assertThat(relay.brokenPipes()).containsExactly("stdout");
            assertThat(relay.brokenPipe()).isTrue();
            assertThat(relay.outcomes()).singleElement().extracting(Outcome::ending).isEqualTo(Ending.BROKEN_PIPE);
            // ...so the child's next write kills it with SIGPIPE instead of blocking forever
            // (checked while the relay is still open: its close would close the pipe anyway).
            assertThat(child.exitsWithin(PATIENCE)).isTrue();
        }
        assertThat(child.await()).isEqualTo(new WaitStatus.Signaled(Processes.SIGPIPE, false));
    }
}
