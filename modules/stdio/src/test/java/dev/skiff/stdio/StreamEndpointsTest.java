package dev.skiff.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.libc.OwnedFd;
import dev.skiff.stdio.Outcome.Ending;
import dev.skiff.stdio.TestIo.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Java streams at either end, for library callers. */
// A relay is sometimes held open only for its copy to run while the test reads.
@SuppressWarnings("try")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamEndpointsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Test
    void inputStreamToOutputStream() throws Exception {
        byte[] data = TestIo.allByteValues(20_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Relay relay = Relay.start(List.of(
                new Copy("stdout", Source.of(new ByteArrayInputStream(data)), Sink.of(out), true)))) {
            assertThat(relay.awaitOutputs(PATIENCE)).isTrue();
            assertThat(relay.outcomes()).singleElement().extracting(Outcome::bytes).isEqualTo((long) data.length);
        }
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void inputStreamEndClosesAnOwnedPipe() throws Exception {
        byte[] data = TestIo.allByteValues(1000);
        OwnedFd[] containerIn = TestIo.pipe();
        try (OwnedFd reader = containerIn[0]; Relay relay = Relay.start(List.of(
                new Copy("stdin", Source.of(new ByteArrayInputStream(data)), Sink.owned(containerIn[1]), false)))) {
            assertThat(TestIo.readAll(reader.fd(), PATIENCE)).isEqualTo(data);
        }
    }

    @Test
    void aFailingInputStreamIsAFailure() throws Exception {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        };
        try (Relay relay = Relay.start(List.of(
                new Copy("stdout", Source.of(broken), Sink.of(OutputStream.nullOutputStream()), true)))) {
            assertThatThrownBy(relay::awaitOutputs).hasMessageContaining("disk on fire");
            assertThat(relay.outcomes()).singleElement().extracting(Outcome::ending).isEqualTo(Ending.FAILED);
        }
    }

    @Test
    void aFailingOutputStreamIsAFailureAndClosesTheSource() throws Exception {
        OwnedFd[] out = TestIo.pipe();
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("no space");
            }
        };
        try (OwnedFd writer = out[1]; Relay relay = Relay.start(List.of(
                new Copy("stdout", Source.owned(out[0]), Sink.of(broken), true)))) {
            TestIo.writeAll(writer.fd(), new byte[] {1, 2, 3});
            assertThatThrownBy(relay::awaitOutputs).hasMessageContaining("copy `stdout`").hasMessageContaining("no space");
        }
    }

    @Test
    void pipeInputStreamReadsToEndOfFile() throws Exception {
        OwnedFd[] pipe = TestIo.pipe();
        long size = 16L << 20;
        CompletableFuture<Digest> sent = TestIo.produce(pipe[1], size, 5);
        CompletableFuture<byte[]> read = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (InputStream in = new PipeInputStream(pipe[0])) {
                read.complete(in.readAllBytes());
            } catch (Throwable t) {
                read.completeExceptionally(t);
            }
        });
        assertThat(TestIo.digest(read.get(30, TimeUnit.SECONDS))).isEqualTo(sent.get(30, TimeUnit.SECONDS));
    }

    @Test
    void pipeOutputStreamWritesWithBackpressureAndCloseGivesEndOfFile() throws Exception {
        OwnedFd[] pipe = TestIo.pipe();
        byte[] data = TestIo.allByteValues(16 * 4096);
        CompletableFuture<Digest> received = TestIo.consume(pipe[0]);
        CompletableFuture<Void> written = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (OutputStream out = new PipeOutputStream(pipe[1])) {
                for (int i = 0; i < 64; i++) { // 64 × 1 MiB through a 64 KiB pipe
                    out.write(data);
                }
                written.complete(null);
            } catch (Throwable t) {
                written.completeExceptionally(t);
            }
        });
        written.get(30, TimeUnit.SECONDS);
        Digest got = received.get(30, TimeUnit.SECONDS);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        for (int i = 0; i < 64; i++) {
            crc.update(data);
        }
        assertThat(got).isEqualTo(new Digest(64L * data.length, crc.getValue()));
    }

    @Test
    void pipeOutputStreamReportsAGoneReader() throws Exception {
        OwnedFd[] pipe = TestIo.pipe();
        pipe[0].close();
        try (OutputStream out = new PipeOutputStream(pipe[1])) {
            assertThatThrownBy(() -> out.write(new byte[] {1})).hasMessageContaining("reader went away");
        }
    }
}
