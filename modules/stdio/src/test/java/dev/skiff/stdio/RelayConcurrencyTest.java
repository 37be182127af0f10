package dev.skiff.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.libc.OwnedFd;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many relays at once cost virtual threads, not platform threads. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RelayConcurrencyTest {
    private static final int RELAYS = 200;
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** The parent's ends of one relay's pipes: where the test writes, where it reads. */
    private record Ends(OwnedFd stdoutWrite, OwnedFd stderrWrite, OwnedFd stdoutRead, OwnedFd stderrRead) {}

    @Test
    void twoHundredRelaysRunOnAFewPlatformThreads() throws Exception {
        warmUp();
        int before = platformThreads();
        List<Relay> relays = new ArrayList<>();
        List<Ends> ends = new ArrayList<>();
        try {
            for (int i = 0; i < RELAYS; i++) {
                OwnedFd[] out = TestIo.pipe();
                OwnedFd[] err = TestIo.pipe();
                OwnedFd[] callerOut = TestIo.pipe();
                OwnedFd[] callerErr = TestIo.pipe();
                relays.add(Relay.start(List.of(
                        new Copy("stdout", Source.owned(out[0]), Sink.owned(callerOut[1]), true),
                        new Copy("stderr", Source.owned(err[0]), Sink.owned(callerErr[1]), true))));
                ends.add(new Ends(out[1], err[1], callerOut[0], callerErr[0]));
            }
            // 400 copies are now waiting for input, each parked in a virtual thread.
            assertThat(platformThreads() - before).isLessThan(8);
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("skiff-relay"));

            for (int i = 0; i < RELAYS; i++) {
                try (OwnedFd o = ends.get(i).stdoutWrite(); OwnedFd e = ends.get(i).stderrWrite()) {
                    TestIo.writeAll(o.fd(), ("out " + i).getBytes(StandardCharsets.UTF_8));
                    TestIo.writeAll(e.fd(), ("err " + i).getBytes(StandardCharsets.UTF_8));
                }
            }
            for (int i = 0; i < RELAYS; i++) {
                assertThat(relays.get(i).awaitOutputs(PATIENCE)).isTrue();
                try (OwnedFd o = ends.get(i).stdoutRead(); OwnedFd e = ends.get(i).stderrRead()) {
                    assertThat(new String(TestIo.readAll(o.fd(), PATIENCE), StandardCharsets.UTF_8)).isEqualTo("out " + i);
                    assertThat(new String(TestIo.readAll(e.fd(), PATIENCE), StandardCharsets.UTF_8)).isEqualTo("err " + i);
                }
            }
            assertThat(platformThreads() - before).isLessThan(8);
        } finally {
            relays.forEach(Relay::close);
        }
    }

    /** Live platform threads (the module reads no java.management; this is the same count). */
    private static int platformThreads() {
        return Thread.getAllStackTraces().size();
    }

    /** Starts the shared poller and the virtual-thread scheduler's carriers before counting. */
    private static void warmUp() throws Exception {
        OwnedFd[] in = TestIo.pipe();
        OwnedFd[] out = TestIo.pipe();
        try (OwnedFd reader = out[0]; Relay relay = Relay.start(List.of(
                new Copy("warm-up", Source.owned(in[0]), Sink.owned(out[1]), true)))) {
            TestIo.writeAsync(in[1], new byte[] {1}).get();
            relay.awaitOutputs();
            TestIo.readAll(reader.fd(), PATIENCE);
        }
    }
}
