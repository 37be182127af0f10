package dev.skiff.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.libc.OwnedFd;
import dev.skiff.stdio.TestIo.Digest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One 1 GiB pipe-to-pipe copy through the relay, checked by CRC-32C. Excluded by default;
 * run with {@code scripts/mvn -B -o -pl modules/stdio -am verify -Dskiff.excludedTags=
 * -Dtest=RelayThroughputBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class RelayThroughputBench {

    @Test
    void oneGibibytePipeToPipe() throws Exception {
        long size = 1L << 30;
        for (int round = 1; round <= 3; round++) {
            OwnedFd[] in = TestIo.pipe();
            OwnedFd[] out = TestIo.pipe();
            long start = System.nanoTime();
            CompletableFuture<Digest> sent = TestIo.produce(in[1], size, round);
            CompletableFuture<Digest> received = TestIo.consume(out[0]);
            try (Relay relay = Relay.start(List.of(
                    new Copy("stdout", Source.owned(in[0]), Sink.owned(out[1]), true)))) {
                relay.awaitOutputs();
            }
            Digest got = received.get();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(got).isEqualTo(sent.get());
            System.out.printf("relay 1 GiB pipe->pipe, round %d: %.2f s, %.0f MB/s%n", round, seconds, size / 1e6 / seconds);
        }
    }

    /** The same producer and consumer on one pipe, no relay: the ceiling of this measurement. */
    @Test
    void oneGibibyteBaselineWithoutRelay() throws Exception {
        long size = 1L << 30;
        for (int round = 1; round <= 3; round++) {
            OwnedFd[] pipe = TestIo.pipe();
            long start = System.nanoTime();
            CompletableFuture<Digest> sent = TestIo.produce(pipe[1], size, round);
            Digest got = TestIo.consume(pipe[0]).get();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(got).isEqualTo(sent.get());
            System.out.printf("baseline 1 GiB one pipe, round %d: %.2f s, %.0f MB/s%n", round, seconds, size / 1e6 / seconds);
        }
    }
}
