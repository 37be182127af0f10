package dev.skiff.runtime.monitor;

import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.OwnedFd;
import dev.skiff.libc.Processes;
import dev.skiff.libc.Sockets;
import dev.skiff.libc.WaitStatus;
import dev.skiff.runtime.ExitStatus;
import dev.skiff.runtime.SkiffException;
import dev.skiff.stdio.Poller;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The library's side of a monitor child. The child is spawned through the libc layer,
 * not ProcessBuilder, whose reaper spends a platform thread per child: here one virtual
 * thread per monitor reads its events, then waits for its exit on a pidfd through the
 * shared poller, so concurrent containers cost no platform thread each.
 */
public final class MonitorProcess implements Session {
    private static final System.Logger LOG = System.getLogger(MonitorProcess.class.getName());
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final int monitorPid;
    private final OwnedFd pidfd;
    private final ControlChannel channel;
    private final CompletableFuture<Integer> started = new CompletableFuture<>();
    private volatile java.util.List<dev.skiff.runtime.NetworkAttachment> networks = java.util.List.of();
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private final ReentrantLock commanding = new ReentrantLock();
    private volatile CompletableFuture<Void> pendingCommand;
    private volatile boolean over;
    private volatile ExitStatus reported;
    private volatile SkiffException failure;

    private MonitorProcess(int monitorPid, OwnedFd pidfd, ControlChannel channel) {
        this.monitorPid = monitorPid;
        this.pidfd = pidfd;
        this.channel = channel;
    }

    /**
     * Spawns a monitor with {@code stdio} (child descriptor → ours) as its 0, 1, 2 and
     * sends it {@code launch}. Returns at once; {@link #awaitStarted()} waits for the start.
     */
    public static MonitorProcess spawn(Protocol.Launch launch, Map<Integer, Integer> stdio) throws SkiffException {
        OwnedFd[] pair = socketPair();
        MonitorProcess monitor;
        try {
            monitor = spawn(stdio, pair);
        } catch (IOException e) {
            throw new SkiffException("start the monitor process: " + e.getMessage(), e);
        }
        Thread.ofVirtual().name("skiff-monitor-" + monitor.monitorPid).start(monitor::watch);
        try {
            monitor.channel.send(launch);
        } catch (IOException e) {
            // The monitor died at once; its exit, which the watcher reports, says more.
            LOG.log(Level.DEBUG, "send launch to monitor {0}: {1}", monitor.monitorPid, e.getMessage());
        }
        return monitor;
    }

    /** The child gets {@code pair[1]} as its descriptor 3; this JVM keeps {@code pair[0]}. Closes both on failure. */
    private static MonitorProcess spawn(Map<Integer, Integer> stdio, OwnedFd[] pair) throws IOException {
        int pid;
        try (OwnedFd theirs = pair[1]) {
            Map<Integer, Integer> fds = new HashMap<>(stdio);
            fds.put(MonitorMain.CONTROL_FD, theirs.fd());
            List<String> argv = MonitorCommandLine.argv();
            LOG.log(Level.DEBUG, "spawning monitor: {0}", argv);
            pid = Processes.spawn(new Processes.Spawn(argv.getFirst(), argv, MonitorCommandLine.environment(), fds));
        } catch (IOException e) {
            pair[0].closeQuietly(e::addSuppressed);
            throw e;
        }
        try {
            OwnedFd pidfd = pidfdOf(pid);
            try {
                return new MonitorProcess(pid, pidfd, ControlChannel.over(pair[0]));
            } catch (IOException e) {
                // Without its control socket the child exits at once: reap it.
                Processes.waitPidfd(pidfd, true);
                pidfd.closeQuietly(e::addSuppressed);
                throw e;
            }
        } catch (IOException e) {
            pair[0].closeQuietly(e::addSuppressed);
            throw e;
        }
    }

    /** Without a pidfd the child could never be waited for: it is killed and reaped at once. */
    private static OwnedFd pidfdOf(int pid) throws ErrnoException {
        try {
            return Processes.pidfdOpen(pid);
        } catch (ErrnoException e) {
            try {
                Processes.kill(pid, Processes.SIGKILL);
                Processes.waitPid(pid);
            } catch (ErrnoException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    private static OwnedFd[] socketPair() throws SkiffException {
        try {
            return Sockets.socketpair(Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC);
        } catch (ErrnoException e) {
            throw new SkiffException("control socket for the monitor: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until the container runs. Interrupted, it drops the control socket, so the
     * monitor stops the container as if this JVM had gone, and throws.
     */
    public MonitorProcess awaitStarted() throws SkiffException {
        try {
            started.get();
            return this;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SkiffException s
                    ? new SkiffException(s.getMessage(), s.exitCode(), s)
                    : new SkiffException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new SkiffException("interrupted while starting the container", e);
        }
    }

    /** The watcher: events until end of stream, then the monitor's exit through its pidfd. */
    private void watch() {
        try {
            readEvents();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "monitor {0}: control socket: {1}", monitorPid, e.getMessage());
        }
        WaitStatus status = awaitMonitorExit();
        close();
        closePidfd();
        finish(status);
    }

    private void readEvents() throws IOException {
        for (Protocol.Event e = channel.receive(Protocol.Event.class); e != null;
                e = channel.receive(Protocol.Event.class)) {
            switch (e) {
                case Protocol.Started s -> {
                    networks = s.networks();
                    started.complete(s.pid());
                }
                case Protocol.Exited x -> reported = x.status();
                case Protocol.Failed f -> failure = f.toException();
                case Protocol.Log l -> LOG.log(Level.INFO, "monitor {0}: {1}", monitorPid, l.message());
                case Protocol.Done d -> commandDone(null);
            }
        }
    }

    /** Poller readiness, then a non-blocking waitid: no thread blocks in the kernel for it. */
    private WaitStatus awaitMonitorExit() {
        while (true) {
            try {
                var status = Processes.waitPidfd(pidfd, false);
                if (status.isPresent()) {
                    return status.get();
                }
                Poller.shared().awaitReadable(pidfd.fd());
            } catch (InterruptedException e) {
                // Nobody interrupts the watcher; keep waiting.
            } catch (IOException e) {
                throw new IllegalStateException("monitor " + monitorPid + ": wait: " + e.getMessage(), e);
            }
        }
    }

    private void finish(WaitStatus monitorStatus) {
        over = true;
        commandDone(new IOException("monitor process " + monitorPid + " has exited"));
        ExitStatus status = reported;
        if (status != null) {
            exit.complete(status);
            return;
        }
        SkiffException f = failure != null ? failure : new SkiffException("monitor process " + monitorPid
                + " ended (" + describe(monitorStatus) + ") without reporting how the container ended");
        started.completeExceptionally(f);
        exit.completeExceptionally(f);
    }

    private static String describe(WaitStatus status) {
        return switch (status) {
            case WaitStatus.Exited e -> "exit status " + e.code();
            case WaitStatus.Signaled s -> "signal " + s.signal();
        };
    }

    @Override
    public int pid() {
        return started.getNow(-1);
    }

    @Override
    public java.util.List<dev.skiff.runtime.NetworkAttachment> networks() {
        return networks;
    }

    /** The monitor process's own pid (for diagnostics and measurements). */
    public int monitorPid() {
        return monitorPid;
    }

    @Override
    public CompletableFuture<ExitStatus> exit() {
        return exit;
    }

    @Override
    public void signal(int signal) throws IOException {
        command(new Protocol.Signal(signal));
    }

    @Override
    public void stop() throws IOException {
        command(new Protocol.Stop());
    }

    @Override
    public void resize(int columns, int rows) throws IOException {
        command(new Protocol.Resize(columns, rows));
    }

    /** Sends one command and waits for its {@code done}: one at a time, so each answer is matched. */
    private void command(Protocol.Command command) throws IOException {
        commanding.lock();
        try {
            CompletableFuture<Void> done = new CompletableFuture<>();
            pendingCommand = done;
            // Set before this check, the pending command is failed by finish() if that won the race.
            if (over) {
                return;
            }
            channel.send(command);
            awaitUninterruptibly(done, command);
        } finally {
            pendingCommand = null;
            commanding.unlock();
        }
    }

    private void commandDone(IOException failed) {
        CompletableFuture<Void> pending = pendingCommand;
        if (pending != null) {
            if (failed == null) {
                pending.complete(null);
            } else {
                pending.completeExceptionally(failed);
            }
        }
    }

    /** Commands are quick; an interrupt is kept for the caller rather than leaving a command half done. */
    private void awaitUninterruptibly(CompletableFuture<Void> done, Protocol.Command command) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    done.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                } catch (TimeoutException e) {
                    throw new IOException("monitor process " + monitorPid + " did not answer " + command
                            + " within " + COMMAND_TIMEOUT);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Drops the control socket: a monitor whose container still runs stops it. The
     * pidfd stays with the watcher, which closes it once it has reaped the monitor.
     */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "monitor {0}: close control socket: {1}", monitorPid, e.getMessage());
        }
    }

    private void closePidfd() {
        try {
            Poller.shared().forget(pidfd.fd());
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "monitor {0}: forget pidfd: {1}", monitorPid, e.getMessage());
        }
        pidfd.closeQuietly(e -> LOG.log(Level.DEBUG, "monitor {0}: close pidfd: {1}", monitorPid, e.getMessage()));
    }
}
