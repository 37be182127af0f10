package dev.skiff.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import dev.skiff.stdio.Outcome.Ending;
import dev.skiff.stdio.TestIo.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What goes in comes out, whatever the descriptors: pipes, regular files, /dev/null. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RelayTransferTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void splices256MiBBetweenPipesIntact() throws Exception {
        OwnedFd[] in = TestIo.pipe();
        OwnedFd[] out = TestIo.pipe();
        long size = 256L << 20;
        CompletableFuture<Digest> sent = TestIo.produce(in[1], size, 256);
        CompletableFuture<Digest> received = TestIo.consume(out[0]);
        try (Relay relay = Relay.start(List.of(
                new Copy("stdout", Source.owned(in[0]), Sink.owned(out[1]), true)))) {
            relay.awaitOutputs();
            assertThat(relay.outcomes()).singleElement()
                    .satisfies(o -> assertThat(o.bytes()).isEqualTo(size))
                    .satisfies(o -> assertThat(o.ending()).isEqualTo(Ending.END_OF_INPUT));
        }
        // The owned sink was closed at end of input, so the consumer saw end of file.
        assertThat(received.get(60, TimeUnit.SECONDS)).isEqualTo(sent.get(60, TimeUnit.SECONDS));
    }

    @Test
    void carriesEveryByteValue() throws Exception {
        byte[] data = TestIo.allByteValues(1000);
        OwnedFd[] in = TestIo.pipe();
        OwnedFd[] out = TestIo.pipe();
        try (OwnedFd reader = out[0]; Relay relay = Relay.start(List.of(
                new Copy("stdout", Source.owned(in[0]), Sink.owned(out[1]), true)))) {
            CompletableFuture<Void> written = TestIo.writeAsync(in[1], data);
            assertThat(TestIo.readAll(reader.fd(), PATIENCE)).isEqualTo(data);
            relay.awaitOutputs();
            written.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void regularFileToPipeAndPipeToRegularFile() throws Exception {
        byte[] data = TestIo.allByteValues(40_000);
        Path input = Files.write(dir.resolve("input"), data);
        Path output = dir.resolve("output");
        OwnedFd[] middle = TestIo.pipe();
        try (OwnedFd file = Fds.open(input.toString(), Fds.O_RDONLY | Fds.O_CLOEXEC, 0);
                Relay relay = Relay.start(List.of(
                        new Copy("in", Source.borrowed(file.fd()), Sink.owned(middle[1]), true),
                        new Copy("out", Source.owned(middle[0]), Sink.owned(create(output)), true)))) {
            relay.awaitOutputs();
            assertThat(relay.outcomes()).extracting(Outcome::bytes).containsOnly((long) data.length);
        }
        assertThat(Files.readAllBytes(output)).isEqualTo(data);
    }

    @Test
    void regularFileToRegularFileThroughTheBuffer() throws Exception {
        byte[] data = TestIo.allByteValues(5000);
        Path input = Files.write(dir.resolve("input"), data);
        Path output = dir.resolve("output");
        try (Relay relay = Relay.start(List.of(new Copy("copy",
                Source.owned(Fds.open(input.toString(), Fds.O_RDONLY | Fds.O_CLOEXEC, 0)),
                Sink.owned(create(output)), true)))) {
            relay.awaitOutputs();
        }
        assertThat(Files.readAllBytes(output)).isEqualTo(data);
    }

    @Test
    void devNullAsSourceEndsAtOnceAndClosesTheSink() throws Exception {
        OwnedFd[] out = TestIo.pipe();
        try (OwnedFd devNull = Fds.open("/dev/null", Fds.O_RDONLY | Fds.O_CLOEXEC, 0);
                OwnedFd reader = out[0];
                Relay relay = Relay.start(List.of(
                        new Copy("stdin", Source.borrowed(devNull.fd()), Sink.owned(out[1]), true)))) {
            assertThat(relay.awaitOutputs(PATIENCE)).isTrue();
            assertThat(TestIo.seesEndOfFile(reader.fd(), PATIENCE)).isTrue();
        }
    }

    @Test
    void devNullAsSinkSwallowsEverything() throws Exception {
        OwnedFd[] in = TestIo.pipe();
        long size = 8L << 20;
        CompletableFuture<Digest> sent = TestIo.produce(in[1], size, 3);
        try (OwnedFd devNull = Fds.open("/dev/null", Fds.O_WRONLY | Fds.O_CLOEXEC, 0)) {
            int flags = Fds.statusFlags(devNull.fd());
            try (Relay relay = Relay.start(List.of(
                    new Copy("stdout", Source.owned(in[0]), Sink.borrowed(devNull.fd()), true)))) {
                assertThat(relay.awaitOutputs(PATIENCE)).isTrue();
                assertThat(relay.outcomes()).singleElement().extracting(Outcome::bytes).isEqualTo(size);
            }
            assertThat(Fds.statusFlags(devNull.fd())).isEqualTo(flags);
        }
        sent.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFailedStartClosesEveryDescriptorItWasGiven() throws Exception {
        OwnedFd[] a = TestIo.pipe();
        OwnedFd[] b = TestIo.pipe();
        OwnedFd[] c = TestIo.pipe();
        OwnedFd[] d = TestIo.pipe();
        try (OwnedFd a1 = a[1]; OwnedFd b0 = b[0]; OwnedFd c1 = c[1]; OwnedFd d0 = d[0]) {
            assertThatThrownBy(() -> Relay.start(List.of(
                    new Copy("first", Source.owned(a[0]), Sink.owned(b[1]), true),
                    new Copy("broken", Source.borrowed(99_999), Sink.owned(c[0]), true),
                    new Copy("last", Source.owned(d[1]), Sink.owned(c[1]), true))))
                    .hasMessageContaining("relay `broken`").hasMessageContaining("EBADF");
            assertThat(List.of(a[0], b[1], c[0], d[1], c[1])).noneMatch(OwnedFd::isOpen);
        }
    }

    private static OwnedFd create(Path path) throws Exception {
        return Fds.open(path.toString(), Fds.O_WRONLY | Fds.O_CREAT | Fds.O_TRUNC | Fds.O_CLOEXEC, 0644);
    }
}
