package dev.skiff.runtime;

import dev.skiff.libc.Terminals;
import dev.skiff.runtime.monitor.Session;
import dev.skiff.runtime.monitor.Stopper;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The opt-in: {@link Monitor} runs in this JVM, on a platform thread of its own (its
 * runtime verbs block in waitpid, which must not pin a virtual thread's carrier). This
 * JVM becomes a child subreaper for good, and the thread is not a daemon: the JVM does
 * not exit normally while a container it owns still runs.
 */
final class InProcessSession implements Session, Monitor.Observer {
    private final Stopper stopper;
    private final CompletableFuture<Monitor.ContainerControl> started = new CompletableFuture<>();
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();

    private InProcessSession(Duration grace) {
        this.stopper = new Stopper(grace);
    }

    /** Starts running {@code request} with the caller's {@code ends}; {@link #awaitStarted()} waits for the start. */
    static InProcessSession spawn(RunRequest request, ContainerIo.Ends ends, Duration grace) {
        InProcessSession session = new InProcessSession(grace);
        Thread.ofPlatform().name("skiff-monitor").start(() -> session.run(request, ends));
        return session;
    }

    private void run(RunRequest request, ContainerIo.Ends ends) {
        try {
            ExitStatus status = Monitor.run(request, ends, this, false);
            stopper.close();
            exit.complete(status);
        } catch (SkiffException e) {
            fail(e);
        } catch (RuntimeException | Error e) {
            fail(new SkiffException("monitor: " + e, e));
        }
    }

    private void fail(SkiffException e) {
        stopper.close();
        started.completeExceptionally(e);
        exit.completeExceptionally(e);
    }

    @Override
    public void started(Monitor.ContainerControl control) {
        stopper.started(control);
        started.complete(control);
    }

    /** Interrupted, the container is stopped as soon as it starts, and this throws. */
    InProcessSession awaitStarted() throws SkiffException {
        try {
            started.get();
            return this;
        } catch (ExecutionException e) {
            SkiffException s = (SkiffException) e.getCause();
            throw new SkiffException(s.getMessage(), s.exitCode(), s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopper.stop();
            throw new SkiffException("interrupted while starting the container", e);
        }
    }

    @Override
    public int pid() {
        return started.join().pid();
    }

    @Override
    public java.util.List<NetworkAttachment> networks() {
        return started.join().networks();
    }

    @Override
    public CompletableFuture<ExitStatus> exit() {
        return exit;
    }

    @Override
    public void signal(int signal) throws IOException {
        stopper.signal(signal);
    }

    @Override
    public void stop() {
        stopper.stop();
    }

    @Override
    public void resize(int columns, int rows) throws IOException {
        if (!exit.isDone()) {
            started.join().resize(new Terminals.WindowSize(columns, rows));
        }
    }

    /** Nothing is held beyond the run, which cleans up after itself. */
    @Override
    public void close() {}
}
