package dev.skiff.stdio;

import dev.skiff.libc.OwnedFd;
import dev.skiff.stdio.Outcome.Ending;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves a container's stdio: one thread per {@link Copy}, a virtual thread unless an end
 * could not be made non-blocking, all waiting for readiness on one {@link Poller}.
 *
 * <p>Ownership: the descriptors of {@link Source.Owned} and {@link Sink.Owned} move into
 * the relay (also when {@link #start} fails) and are closed when their copy ends, so end
 * of input on stdin closes the container's stdin. Each owned descriptor must belong to
 * one copy only: for a pty master read by stdout and written by stdin, give stdin a
 * {@code dup}. Borrowed descriptors are never closed and their flags never changed.
 *
 * <p>A sink whose reader goes away (EPIPE) ends its copy, which closes its source, so
 * the container's writer gets EPIPE or SIGPIPE; that is reported by {@link #brokenPipes()},
 * not thrown.
 */
public final class Relay implements AutoCloseable {
    private final List<Pump> pumps;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Relay(List<Pump> pumps) {
        this.pumps = pumps;
    }

    /** Starts one copy per element on {@link Poller#shared()}. */
    public static Relay start(List<Copy> copies) throws IOException {
        Poller poller;
        try {
            poller = Poller.shared();
        } catch (IOException e) {
            copies.forEach(c -> Endpoints.discard(c, e));
            throw e;
        }
        return start(copies, poller);
    }

    public static Relay start(List<Copy> copies, Poller poller) throws IOException {
        try {
            requireOneOwnerEach(copies);
        } catch (IllegalArgumentException e) {
            IOException failure = new IOException(e.getMessage(), e);
            copies.forEach(c -> Endpoints.discard(c, failure));
            throw e;
        }
        List<Pump> pumps = new ArrayList<>(copies.size());
        try {
            for (Copy copy : copies) {
                pumps.add(open(copy, poller));
            }
        } catch (IOException | RuntimeException e) {
            IOException failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            pumps.forEach(Pump::stop);
            copies.subList(pumps.size() + 1, copies.size()).forEach(c -> Endpoints.discard(c, failure));
            throw failure;
        }
        pumps.forEach(Pump::start);
        return new Relay(List.copyOf(pumps));
    }

    private static void requireOneOwnerEach(List<Copy> copies) {
        Set<OwnedFd> seen = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (Copy copy : copies) {
            if (!labels.add(copy.label())) {
                throw new IllegalArgumentException("two copies labelled `" + copy.label() + "`");
            }
            for (Object end : List.of(copy.source(), copy.sink())) {
                OwnedFd fd = end instanceof Source.Owned(OwnedFd f) ? f : end instanceof Sink.Owned(OwnedFd f) ? f : null;
                if (fd != null && !seen.add(fd)) {
                    throw new IllegalArgumentException("copy `" + copy.label() + "`: " + fd
                            + " is owned by another copy too (give one of them a dup)");
                }
            }
        }
    }

    /** Opens both ends of one copy; on failure closes what this copy owned. */
    private static Pump open(Copy copy, Poller poller) throws IOException {
        Feeder feeder = null;
        Endpoint source;
        try {
            source = switch (copy.source()) {
                case Source.Owned(OwnedFd fd) -> Endpoints.owned(copy.label() + " source", fd, poller);
                case Source.Borrowed(int fd) -> Endpoints.borrowed(copy.label() + " source", fd, false, poller);
                case Source.Stream(var in) -> {
                    Feeder.Started started = Feeder.start(copy.label(), in, poller);
                    feeder = started.feeder();
                    yield Endpoints.owned(copy.label() + " source", started.readEnd(), poller);
                }
            };
        } catch (IOException | RuntimeException e) {
            if (feeder != null) {
                feeder.stop();
            }
            IOException failure = context(copy, e);
            Endpoints.discard(copy, failure);
            throw failure;
        }
        try {
            Outlet sink = switch (copy.sink()) {
                case Sink.Owned(OwnedFd fd) -> Endpoints.owned(copy.label() + " sink", fd, poller);
                case Sink.Borrowed(int fd) -> Endpoints.borrowed(copy.label() + " sink", fd, true, poller);
                case Sink.Stream(var out) -> new StreamOutlet(out);
            };
            return new Pump(copy, source, sink, feeder);
        } catch (IOException | RuntimeException e) {
            source.close();
            if (feeder != null) {
                feeder.stop();
            }
            throw context(copy, e);
        }
    }

    private static IOException context(Copy copy, Exception e) {
        return new IOException("relay `" + copy.label() + "`: " + e.getMessage(), e);
    }

    /**
     * Waits until every output copy has reached end of input and delivered all it read.
     * Rethrows the first real failure; a reader that went away is not one (see
     * {@link #brokenPipes()}).
     */
    public void awaitOutputs() throws InterruptedException, IOException {
        IOException first = null;
        for (Pump pump : outputs()) {
            Outcome o = pump.await();
            if (first == null && o.failure() != null) {
                first = o.failure();
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** {@link #awaitOutputs()} with a limit; false if an output copy is still running after it. */
    public boolean awaitOutputs(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Pump pump : outputs()) {
            if (!pump.await(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        awaitOutputs();
        return true;
    }

    /** Waits for every copy, stdin included (for tests: a stdin copy is normally abandoned). */
    boolean awaitAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Pump pump : pumps) {
            if (!pump.await(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    private List<Pump> outputs() {
        return pumps.stream().filter(p -> p.copy().output()).toList();
    }

    /** How the copies that have ended so far ended, in the order they were given. */
    public List<Outcome> outcomes() {
        return pumps.stream().map(Pump::outcome).filter(o -> o != null).toList();
    }

    /** Whether an output copy stopped because the caller's reader went away (EPIPE). */
    public boolean brokenPipe() {
        return outcomes().stream().anyMatch(o -> o.output() && o.ending() == Ending.BROKEN_PIPE);
    }

    /** Labels of the copies that stopped because their sink's reader went away (EPIPE). */
    public List<String> brokenPipes() {
        return outcomes().stream().filter(o -> o.ending() == Ending.BROKEN_PIPE).map(Outcome::label).toList();
    }

    /**
     * Stops every copy still running (stdin, normally; outputs too if they were not awaited)
     * and closes every owned endpoint. A descriptor in the middle of a call is closed as
     * soon as that call returns; a copy blocked inside a caller's Java stream ends when
     * the stream returns. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pumps.forEach(Pump::stop);
        }
    }
}
