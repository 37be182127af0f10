package dev.skiff.network;

import dev.skiff.libc.Epoll;
import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Errno;
import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import dev.skiff.libc.Processes;
import dev.skiff.libc.WaitStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs plugins with posix_spawn through the libc layer, as the runtime's verbs are run,
 * so that no JDK process machinery (jspawnhelper, the process reaper thread) is on a
 * run's path. The calling thread serves the plugin's stdin, stdout, stderr and exit from
 * one epoll set: a plugin that writes before it has read all of stdin, or a chatty
 * stderr, cannot stall against a full pipe. The caller's thread blocks in epoll_wait, so
 * it must be a platform thread (the monitor's is).
 *
 * <p>The plugin is reaped through its own pidfd, never by a wait for any child: a
 * monitor must not reap arbitrary children while a plugin runs. The working directory
 * is the caller's, as libcni's exec leaves it.
 */
public final class SpawnPluginExecutor implements PluginExecutor {
    /** Generous: IPAM may wait for a lock or a DHCP server, but a hung plugin must not hang the run. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    // After the plugin exits, how long its pipes may stay open (a daemon child it forked).
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(5);
    // How often a wait looks at the thread's interrupt status.
    private static final int SLICE_MILLIS = 100;
    private static final int STDIN = 0;
    private static final int STDOUT = 1;
    private static final int STDERR = 2;
    private static final int EXIT = 3;

    private final Duration timeout;

    public SpawnPluginExecutor() {
        this(DEFAULT_TIMEOUT);
    }

    public SpawnPluginExecutor(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Output execute(Invocation invocation) throws IOException {
        String binary = invocation.binary().toString();
        List<String> env = invocation.environment().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList();
        OwnedFd[] in = Fds.pipe(Fds.O_CLOEXEC);
        OwnedFd[] out = Fds.pipe(Fds.O_CLOEXEC);
        OwnedFd[] err = Fds.pipe(Fds.O_CLOEXEC);
        try (Arena arena = Arena.ofConfined()) {
            int pid;
            try {
                pid = Processes.spawn(new Processes.Spawn(binary, List.of(binary), env,
                        Map.of(0, in[0].fd(), 1, out[1].fd(), 2, err[1].fd())));
            } finally {
                OwnedFd.closeAll(in[0], out[1], err[1]);
            }
            try (OwnedFd pidfd = Processes.pidfdOpen(pid)) {
                return new Session(binary, invocation.stdin(), new Ends(in[1], out[0], err[0], pidfd), arena).serve();
            }
        } finally {
            OwnedFd.closeAll(in[1], out[0], err[0]);
        }
    }

    /** This side's ends of a running plugin: its three pipes and its pidfd. */
    private record Ends(OwnedFd stdin, OwnedFd stdout, OwnedFd stderr, OwnedFd pidfd) {}

    /** One plugin's pipes and exit, served until all three are done. */
    private final class Session {
        private final String binary;
        private final MemorySegment stdin;
        private final OwnedFd stdinFd;
        private final OwnedFd stdoutFd;
        private final OwnedFd stderrFd;
        private final OwnedFd pidfd;
        private final MemorySegment buf;
        private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        private long written;
        private String stdinFailure = "";
        private boolean stdoutOpen = true;
        private boolean stderrOpen = true;
        private WaitStatus status;

        Session(String binary, byte[] stdin, Ends ends, Arena arena) {
            this.binary = binary;
            this.stdin = arena.allocateFrom(ValueLayout.JAVA_BYTE, stdin);
            this.stdinFd = ends.stdin();
            this.stdoutFd = ends.stdout();
            this.stderrFd = ends.stderr();
            this.pidfd = ends.pidfd();
            this.buf = arena.allocate(16 * 1024);
        }

        Output serve() throws IOException {
            try (Epoll epoll = Epoll.create(); Arena arena = Arena.ofConfined()) {
                for (OwnedFd fd : List.of(stdinFd, stdoutFd, stderrFd)) {
                    Fds.setNonBlocking(fd, true);
                }
                epoll.control(Epoll.CTL_ADD, stdoutFd.fd(), Epoll.EPOLLIN, STDOUT);
                epoll.control(Epoll.CTL_ADD, stderrFd.fd(), Epoll.EPOLLIN, STDERR);
                epoll.control(Epoll.CTL_ADD, pidfd.fd(), Epoll.EPOLLIN, EXIT);
                if (stdin.byteSize() == 0) {
                    stdinFd.close();
                } else {
                    epoll.control(Epoll.CTL_ADD, stdinFd.fd(), Epoll.EPOLLOUT, STDIN);
                }
                Epoll.Events events = new Epoll.Events(arena, 4);
                long deadline = System.nanoTime() + timeout.toNanos();
                while (stdoutOpen || stderrOpen || status == null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        giveUp();
                    }
                    if (Thread.interrupted()) {
                        kill();
                        throw new InterruptedIOException("interrupted while " + binary + " ran; killed");
                    }
                    int n = epoll.await(events, (int) Math.min(SLICE_MILLIS, Duration.ofNanos(left).toMillis() + 1));
                    for (int i = 0; i < n; i++) {
                        switch ((int) events.data(i)) {
                            case STDIN -> feed(epoll);
                            case STDOUT -> stdoutOpen = drain(epoll, stdoutFd, stdout);
                            case STDERR -> stderrOpen = drain(epoll, stderrFd, stderr);
                            default -> {
                                status = reap(epoll);
                                deadline = Math.min(deadline, System.nanoTime() + DRAIN_GRACE.toNanos());
                            }
                        }
                    }
                }
            }
            return new Output(status.shellCode(), stdout.toByteArray(),
                    stderr.toString(StandardCharsets.UTF_8) + stdinFailure);
        }

        /** Past the deadline: the plugin hangs, or it exited and a child of its holds its pipes. */
        private void giveUp() throws IOException {
            if (status == null) {
                kill();
                throw new IOException(binary + " did not finish within " + timeout + "; killed");
            }
            throw new IOException("plugin exited but its output stayed open (a child holds it?)");
        }

        private void kill() throws ErrnoException {
            if (status == null) {
                Processes.pidfdSendSignal(pidfd, Processes.SIGKILL);
                Processes.waitPidfd(pidfd, true);
            }
        }

        /** Writes what stdin's pipe takes now; closes it when all is written or the plugin stopped reading. */
        private void feed(Epoll epoll) throws ErrnoException {
            try {
                long n = Fds.write(stdinFd.fd(), stdin.asSlice(written), stdin.byteSize() - written);
                if (n > 0) {
                    written += n;
                }
                if (written < stdin.byteSize()) {
                    return;
                }
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EPIPE) {
                    throw e;
                }
                // A plugin that exits without reading stdin: worth a line in its log, not a failure.
                stdinFailure = "\n(skiff: writing the config to the plugin's stdin failed: " + e.getMessage() + ")";
            }
            epoll.control(Epoll.CTL_DEL, stdinFd.fd(), 0, STDIN);
            stdinFd.close();
        }

        /** Reads what is there; false (and out of the set) at end of file. */
        private boolean drain(Epoll epoll, OwnedFd fd, ByteArrayOutputStream into) throws ErrnoException {
            long n;
            while ((n = Fds.read(fd.fd(), buf, buf.byteSize())) > 0) {
                into.writeBytes(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
            }
            if (n < 0) {
                return true;
            }
            epoll.control(Epoll.CTL_DEL, fd.fd(), 0, 0);
            return false;
        }

        private WaitStatus reap(Epoll epoll) throws ErrnoException {
            Optional<WaitStatus> reaped = Processes.waitPidfd(pidfd, false);
            epoll.control(Epoll.CTL_DEL, pidfd.fd(), 0, EXIT);
            return reaped.orElseThrow(() -> new IllegalStateException("pidfd of " + binary + " readable, not exited"));
        }
    }
}
