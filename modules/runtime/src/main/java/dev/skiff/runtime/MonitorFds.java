package dev.skiff.runtime;

import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import dev.skiff.stdio.Copy;
import dev.skiff.stdio.Relay;
import dev.skiff.stdio.Sink;
import dev.skiff.stdio.Source;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A monitor child's descriptors 0, 1, 2, from the caller's ends. A descriptor is passed
 * straight through (the container's output then never crosses this JVM); a caller's
 * Java stream cannot be, so it gets a pipe whose other end this JVM's relay copies.
 */
final class MonitorFds {
    private static final System.Logger LOG = System.getLogger(MonitorFds.class.getName());

    private final Map<Integer, Integer> fds = new HashMap<>();
    private final List<OwnedFd> childEnds = new ArrayList<>();
    private final List<OwnedFd> relayEnds = new ArrayList<>();
    private final List<Copy> copies = new ArrayList<>();

    private MonitorFds() {}

    static MonitorFds of(ContainerIo.Ends ends) throws SkiffException {
        MonitorFds m = new MonitorFds();
        try {
            m.input(ends.stdin());
            m.output(ends.stdout(), 1, "stdout");
            m.output(ends.stderr(), 2, "stderr");
            return m;
        } catch (ErrnoException e) {
            m.discard();
            throw new SkiffException("stdio for the monitor: " + e.getMessage(), e);
        }
    }

    private void input(Source source) throws ErrnoException {
        switch (source) {
            case Source.Borrowed(int fd) -> fds.put(0, fd);
            case Source.Owned(OwnedFd fd) -> fds.put(0, fd.fd());
            case Source.Stream(InputStream in) -> {
                OwnedFd[] pipe = pipe();
                OwnedFd child = handOut(pipe[0], pipe[1]);
                fds.put(0, child.fd());
                copies.add(new Copy("stdin", Source.of(in), Sink.owned(pipe[1]), false));
            }
        }
    }

    private void output(Sink sink, int fd, String label) throws ErrnoException {
        switch (sink) {
            case Sink.Borrowed(int caller) -> fds.put(fd, caller);
            case Sink.Owned(OwnedFd caller) -> fds.put(fd, caller.fd());
            case Sink.Stream(OutputStream out) -> {
                OwnedFd[] pipe = pipe();
                OwnedFd child = handOut(pipe[1], pipe[0]);
                fds.put(fd, child.fd());
                copies.add(new Copy(label, Source.owned(pipe[0]), Sink.of(out), true));
            }
        }
    }

    private static OwnedFd[] pipe() throws ErrnoException {
        return Fds.pipe(Fds.O_CLOEXEC);
    }

    /** Records both ends at once, so that a failure part-way closes everything made so far. */
    private OwnedFd handOut(OwnedFd child, OwnedFd relay) {
        childEnds.add(child);
        relayEnds.add(relay);
        return child;
    }

    /** Child descriptor → this JVM's descriptor, for the spawn. */
    Map<Integer, Integer> fds() {
        return Map.copyOf(fds);
    }

    /**
     * After the spawn: the child has its copies, so ours go, and the relay for the
     * caller's streams starts (it owns the other ends from here on).
     */
    Relay spawned() throws IOException {
        closeAll(childEnds);
        return copies.isEmpty() ? null : Relay.start(copies);
    }

    /** The spawn failed: nothing was handed on. */
    void discard() {
        closeAll(childEnds);
        closeAll(relayEnds);
    }

    private static void closeAll(List<OwnedFd> fds) {
        fds.forEach(fd -> fd.closeQuietly(e -> LOG.log(Level.DEBUG, "close {0}: {1}", fd, e.getMessage())));
    }
}
