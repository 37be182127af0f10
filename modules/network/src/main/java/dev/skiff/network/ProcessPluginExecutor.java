package dev.skiff.network;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs plugins with {@link ProcessBuilder}. The JDK reaps each child by its own pid, so
 * a monitor using this must not reap arbitrary children ({@code waitid(P_ALL)}) while a
 * plugin runs: it would steal the plugin's exit status. A monitor that reaps everything
 * supplies its own {@link PluginExecutor} instead.
 */
public final class ProcessPluginExecutor implements PluginExecutor {
    /** Generous: IPAM may wait for a lock or a DHCP server, but a hung plugin must not hang the run. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    // After the plugin exits, how long its pipes may stay open (a daemon child it forked).
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(5);

    private final Duration timeout;

    public ProcessPluginExecutor() {
        this(DEFAULT_TIMEOUT);
    }

    public ProcessPluginExecutor(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Output execute(Invocation invocation) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(invocation.binary().toString())
                .directory(new File("/"));
        builder.environment().clear();
        builder.environment().putAll(invocation.environment());
        Process process = builder.start();
        // All three pipes are served concurrently so a plugin writing before it has read
        // all of stdin (or a chatty stderr) cannot stall against a full pipe.
        CompletableFuture<Void> stdin = feed(process.getOutputStream(), invocation.stdin());
        CompletableFuture<byte[]> stdout = drain(process.getInputStream());
        CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
        int exit = await(process, invocation);
        return new Output(exit, finish(stdout), new String(finish(stderr), StandardCharsets.UTF_8)
                + stdinFailure(stdin));
    }

    private int await(Process process, Invocation invocation) throws IOException {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException(invocation.binary() + " did not finish within " + timeout + "; killed");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + invocation.binary() + " ran; killed");
        }
    }

    private static CompletableFuture<Void> feed(OutputStream out, byte[] data) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().name("cni-stdin").start(() -> {
            try (out) {
                out.write(data);
                done.complete(null);
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        Thread.ofVirtual().name("cni-drain").start(() -> {
            try (in) {
                done.complete(in.readAllBytes());
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private static byte[] finish(CompletableFuture<byte[]> output) throws IOException {
        try {
            return output.get(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("reading plugin output: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("plugin exited but its output stayed open (a child holds it?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted reading plugin output");
        }
    }

    /** A plugin that exits without reading stdin breaks the pipe: worth a line in its log, not a failure. */
    private static String stdinFailure(CompletableFuture<Void> stdin) {
        try {
            stdin.get(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return "";
        } catch (ExecutionException | TimeoutException e) {
            return "\n(skiff: writing the config to the plugin's stdin failed: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
