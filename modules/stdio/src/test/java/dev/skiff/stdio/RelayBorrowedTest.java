package dev.skiff.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import dev.skiff.libc.Sockets;
import dev.skiff.stdio.Outcome.Ending;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The caller's descriptors: used, never closed, their flags never changed. */
// Some descriptors are held open only to keep the other end of a pipe alive, and
// some are closed early on purpose, to send end of file.
@SuppressWarnings("try")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RelayBorrowedTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @ParameterizedTest(name = "caller''s pipes non-blocking: {0}")
    @ValueSource(booleans = {false, true})
    void borrowedPipesKeepTheirFlagsAndStayOpen(boolean nonBlocking) throws Exception {
        OwnedFd[] callerIn = TestIo.pipe();
        OwnedFd[] callerOut = TestIo.pipe();
        OwnedFd[] container = TestIo.pipe();
        try (OwnedFd inRead = callerIn[0]; OwnedFd outWrite = callerOut[1]; OwnedFd outRead = callerOut[0]) {
            Fds.setNonBlocking(inRead, nonBlocking);
            Fds.setNonBlocking(outWrite, nonBlocking);
            int inFlags = Fds.statusFlags(inRead.fd());
            int outFlags = Fds.statusFlags(outWrite.fd());
            byte[] data = TestIo.allByteValues(2000);
            CompletableFuture<Void> written = TestIo.writeAsync(callerIn[1], data);
            try (Relay relay = Relay.start(List.of(
                    new Copy("stdin", Source.borrowed(inRead.fd()), Sink.owned(container[1]), false),
                    new Copy("stdout", Source.owned(container[0]), Sink.borrowed(outWrite.fd()), true)))) {
                // Container side is a loop-back: what the caller writes comes back on its stdout.
                byte[] back = readExactly(outRead, data.length);
                assertThat(back).isEqualTo(data);
                relay.awaitOutputs();
                assertThat(Fds.statusFlags(inRead.fd())).isEqualTo(inFlags);
                assertThat(Fds.statusFlags(outWrite.fd())).isEqualTo(outFlags);
            }
            written.get(10, TimeUnit.SECONDS);
            assertThat(Fds.statusFlags(inRead.fd())).isEqualTo(inFlags);
            assertThat(Fds.statusFlags(outWrite.fd())).isEqualTo(outFlags);
            assertThat((inFlags & Fds.O_NONBLOCK) != 0).isEqualTo(nonBlocking);
            // Still open and usable by the caller after the relay is gone.
            TestIo.writeAll(outWrite.fd(), new byte[] {9});
            assertThat(TestIo.readSome(outRead.fd(), 1, PATIENCE)).containsExactly(9);
        }
    }

    @Test
    void stdinEndOfFileClosesTheContainersStdin() throws Exception {
        OwnedFd[] callerIn = TestIo.pipe();
        OwnedFd[] containerIn = TestIo.pipe();
        try (OwnedFd inRead = callerIn[0]; OwnedFd containerRead = containerIn[0];
                Relay relay = Relay.start(List.of(
                        new Copy("stdin", Source.borrowed(inRead.fd()), Sink.owned(containerIn[1]), false)))) {
            TestIo.writeAsync(callerIn[1], "hello".getBytes()).get(10, TimeUnit.SECONDS);
            assertThat(TestIo.readAll(containerRead.fd(), PATIENCE)).isEqualTo("hello".getBytes());
            assertThat(relay.awaitAll(PATIENCE)).isTrue();
            assertThat(relay.outcomes()).singleElement().extracting(Outcome::ending).isEqualTo(Ending.END_OF_INPUT);
        }
    }

    @Test
    void closeStopsAStdinCopyThatWaitsForever() throws Exception {
        OwnedFd[] callerIn = TestIo.pipe();
        OwnedFd[] containerIn = TestIo.pipe();
        try (OwnedFd inRead = callerIn[0]; OwnedFd inWrite = callerIn[1]; OwnedFd containerRead = containerIn[0]) {
            Relay relay = Relay.start(List.of(
                    new Copy("stdin", Source.borrowed(inRead.fd()), Sink.owned(containerIn[1]), false)));
            relay.awaitOutputs(); // no outputs: returns at once
            relay.close();
            relay.close();
            // The container's stdin was closed although the caller's stdin never ended.
            assertThat(TestIo.seesEndOfFile(containerRead.fd(), PATIENCE)).isTrue();
            assertThat(Fds.statusFlags(inRead.fd()) & Fds.O_NONBLOCK).isZero();
        }
    }

    @Test
    void borrowedSocketsAreUsedWithoutChangingTheirFlags() throws Exception {
        OwnedFd[] in = Sockets.socketpair(Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC);
        OwnedFd[] out = Sockets.socketpair(Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC);
        OwnedFd[] container = TestIo.pipe();
        try (OwnedFd callerInEnd = in[0]; OwnedFd callerOutEnd = out[1]; OwnedFd peerOut = out[0]) {
            int inFlags = Fds.statusFlags(callerInEnd.fd());
            int outFlags = Fds.statusFlags(callerOutEnd.fd());
            byte[] data = TestIo.allByteValues(4000);
            CompletableFuture<Void> written = TestIo.writeAsync(in[1], data);
            try (Relay relay = Relay.start(List.of(
                    new Copy("stdin", Source.borrowed(callerInEnd.fd()), Sink.owned(container[1]), false),
                    new Copy("stdout", Source.owned(container[0]), Sink.borrowed(callerOutEnd.fd()), true)))) {
                assertThat(readExactly(peerOut, data.length)).isEqualTo(data);
                relay.awaitOutputs();
            }
            written.get(10, TimeUnit.SECONDS);
            assertThat(Fds.statusFlags(callerInEnd.fd())).isEqualTo(inFlags);
            assertThat(Fds.statusFlags(callerOutEnd.fd())).isEqualTo(outFlags);
        }
    }

    @Test
    void aDescriptorThatCannotBeMadeNonBlockingIsCopiedOnAPlatformThread() throws Exception {
        OwnedFd[] out = TestIo.pipe();
        // An eventfd is neither pipe, terminal, socket nor file: the relay must assume it blocks.
        try (OwnedFd eventfd = Fds.eventfd(Fds.EFD_CLOEXEC); OwnedFd reader = out[0]) {
            assertThat(Endpoints.classify(eventfd.fd())).isEqualTo(Endpoint.Kind.BLOCKING);
            Relay relay = Relay.start(List.of(
                    new Copy("odd", Source.borrowed(eventfd.fd()), Sink.owned(out[1]), true)));
            TestIo.writeAll(eventfd.fd(), counter(5));
            assertThat(readExactly(reader, 8)).isEqualTo(counter(5));
            assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("skiff-relay-odd"));

            relay.close();
            // The owned sink is closed at once; the duplicate being read stays open until that
            // read returns, and the copy then stops instead of writing to a closed descriptor.
            assertThat(TestIo.seesEndOfFile(reader.fd(), PATIENCE)).isTrue();
            TestIo.writeAll(eventfd.fd(), counter(1));
            assertThat(relay.awaitOutputs(PATIENCE)).isTrue();
            assertThat(relay.outcomes()).singleElement().extracting(Outcome::ending).isEqualTo(Ending.STOPPED);
            assertThat(Fds.statusFlags(eventfd.fd()) & Fds.O_NONBLOCK).isZero();
        }
    }

    private static byte[] counter(long value) {
        return java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder()).putLong(value).array();
    }

    private static byte[] readExactly(OwnedFd fd, int size) throws Exception {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        while (got.size() < size) {
            byte[] some = TestIo.readSome(fd.fd(), size - got.size(), PATIENCE);
            if (some.length == 0) {
                break;
            }
            got.writeBytes(some);
        }
        return got.toByteArray();
    }
}
