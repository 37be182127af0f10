package dev.skiff.runtime;

import dev.skiff.libc.Processes;
import dev.skiff.runtime.monitor.Session;
import dev.skiff.stdio.Relay;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A started container, in the spirit of {@link Process}; made by {@link ContainerBuilder#start()}.
 *
 * <p>Its process has ended, and the run is over, when {@link #onExit()} completes: the
 * container has been deleted, its bundle removed, and every byte it wrote delivered to
 * the redirects (into a PIPE's buffer, for the caller to read). Nothing polls: the
 * monitor waits on a pidfd.
 *
 * <p>Waiting is tied to the container's life: a thread interrupted in {@link #waitFor()},
 * and a {@link #waitFor(Duration)} that times out, stop the container as
 * {@link #destroy()} does. {@link #close()} kills it if it still runs, waits for the end
 * of the run, and closes the stdio streams; use try-with-resources.
 */
public final class Container implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Container.class.getName());
    /** Completions run on a virtual thread: draining a caller's stream may take a while. */
    private static final Executor VIRTUAL = task -> Thread.ofVirtual().name("skiff-exit").start(task);

    private final RunRequest request;
    private final Session session;
    private final CallerStdio stdio;
    private final CompletableFuture<ExitStatus> exit;
    private final Object closeLock = new Object();
    private boolean closed;

    Container(RunRequest request, Session session, CallerStdio stdio, Relay relay) {
        this.request = request;
        this.session = session;
        this.stdio = stdio;
        this.exit = session.exit().handleAsync((status, failure) -> finish(status, failure, relay), VIRTUAL)
                .thenCompose(done -> done);
    }

    /** After the monitor: our ends of the container's side closed (readers see EOF), the caller's streams filled. */
    private CompletableFuture<ExitStatus> finish(ExitStatus status, Throwable failure, Relay relay) {
        stdio.closeContainerSide();
        Throwable problem = failure;
        if (relay != null) {
            try {
                relay.awaitOutputs();
            } catch (IOException | InterruptedException e) {
                problem = problem != null ? problem
                        : new SkiffException("container ended (" + status + ") but its output was not delivered: "
                                + e.getMessage(), e);
            } finally {
                relay.close();
            }
        }
        session.close();
        LOG.log(Level.DEBUG, "container {0} ended: {1}", pid(), problem == null ? status : problem.toString());
        return problem == null ? CompletableFuture.completedFuture(status) : CompletableFuture.failedFuture(problem);
    }

    /** Whichever monitor owns the container (for tests and measurements). */
    Session session() {
        return session;
    }

    /** The container init's pid as the host sees it. */
    public long pid() {
        return session.pid();
    }

    /** The request this container runs. */
    /** The CNI networks the container was attached to (interface, addresses, gateway), in attach order. */
    public java.util.List<NetworkAttachment> networks() {
        return session.networks();
    }

    public RunRequest request() {
        return request;
    }

    /** The container's stdin when redirected to {@link ProcessBuilder.Redirect#PIPE}; closing it gives the container EOF. */
    public OutputStream getOutputStream() {
        return stdio.stdinPipe();
    }

    /** The container's stdout for PIPE (the terminal's output, with a terminal); else an empty stream. */
    public InputStream getInputStream() {
        return stdio.stdoutPipe();
    }

    /** The container's stderr for PIPE; else (and with a terminal) an empty stream. */
    public InputStream getErrorStream() {
        return stdio.stderrPipe();
    }

    /**
     * Completes with the exit status once the run is over (see the class comment);
     * exceptionally with a {@link SkiffException} if the teardown failed or the output
     * could not be delivered. A new future each time.
     */
    public CompletableFuture<ExitStatus> onExit() {
        return exit.copy();
    }

    /** Whether the run is still going (the container runs, or its teardown does). */
    public boolean isAlive() {
        return !exit.isDone();
    }

    /**
     * Waits for the end of the run.
     *
     * @throws InterruptedException after stopping the container as {@link #destroy()} does
     * @throws SkiffException if the teardown failed or the output could not be delivered
     */
    public ExitStatus waitFor() throws InterruptedException, SkiffException {
        try {
            return exit.get();
        } catch (InterruptedException e) {
            destroy();
            throw e;
        } catch (ExecutionException e) {
            throw failure(e);
        }
    }

    /**
     * Waits at most {@code timeout}. On timeout the container is stopped as
     * {@link #destroy()} does (TERM, KILL after the grace period) and this returns empty
     * at once; {@link #waitFor()} or {@link #onExit()} then tell when it ended.
     *
     * @throws InterruptedException after stopping the container the same way
     */
    public Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException, SkiffException {
        try {
            return Optional.of(exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            LOG.log(Level.DEBUG, "container {0} still runs after {1}: stopping it", pid(), timeout);
            destroy();
            return Optional.empty();
        } catch (InterruptedException e) {
            destroy();
            throw e;
        } catch (ExecutionException e) {
            throw failure(e);
        }
    }

    private static SkiffException failure(ExecutionException e) {
        Throwable cause = e.getCause();
        return cause instanceof SkiffException s ? new SkiffException(s.getMessage(), s.exitCode(), s)
                : new SkiffException(String.valueOf(cause.getMessage()), cause);
    }

    /** TERM to the container's init, then KILL after the grace period if it still runs. Returns at once. */
    public void destroy() {
        if (isAlive()) {
            try {
                session.stop();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "stop container {0}: {1}", pid(), e.getMessage());
            }
        }
    }

    /** KILL to the container's init. Returns at once. */
    public void destroyForcibly() {
        signal(Processes.SIGKILL);
    }

    /** Sends {@code signal} to the container's init, if it still runs. */
    public void signal(int signal) {
        if (isAlive()) {
            try {
                session.signal(signal);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "signal {0} to container {1}: {2}", signal, pid(), e.getMessage());
            }
        }
    }

    /**
     * Sets the size of the container's terminal.
     *
     * @throws IllegalStateException if the container has no terminal
     */
    public void resize(int columns, int rows) throws IOException {
        if (!request.terminal()) {
            throw new IllegalStateException("container " + pid() + " has no terminal");
        }
        new RunRequest.ConsoleSize(columns, rows);
        if (isAlive()) {
            session.resize(columns, rows);
        }
    }

    /**
     * Kills the container if it still runs, closes the stdio streams (output not read
     * yet is discarded), and waits for the end of the run (deleted, torn down). Idempotent. A failed teardown is reported by
     * {@link #onExit()} and {@link #waitFor()}, not here. An interrupt does not cut the
     * wait short; it is kept for the caller.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        destroyForcibly();
        // First: a monitor blocked on a full pipe nobody reads would never finish.
        stdio.close();
        awaitUninterruptibly();
    }

    private void awaitUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                exit.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                LOG.log(Level.DEBUG, "container {0}: {1}", pid(), e.getCause().getMessage());
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Container[pid=" + pid() + ", alive=" + isAlive() + "]";
    }
}
