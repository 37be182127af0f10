package dev.skiff.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.skiff.mounts.BusyboxRootfs;
import dev.skiff.testkit.CniBridge;
import dev.skiff.testkit.Scope;
import dev.skiff.testkit.Soak;
import dev.skiff.testkit.SoakRun;
import dev.skiff.testkit.SoakSizes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library API under load: runs one after another, then many at once, each an output, a
 * stdin, a flood or a sleeper, a third of them on a CNI bridge of this class's own, and many
 * stopped at a random moment with destroy(), destroyForcibly() or close() (default monitor:
 * a child process per container). The host census ({@link HostCensus}) after must equal the
 * one before. The short form runs in the default suite; {@code fullSoak} (tag soak) takes
 * its sizes from {@code skiff.soak.sequential} (1000), {@code skiff.soak.concurrent} (64),
 * {@code skiff.soak.rounds} (4 runs per concurrent worker) and its seed from
 * {@code skiff.soak.seed}.
 */
@Tag("integration")
class ContainerSoakTest {
    /** TERM, or KILL after the grace period (a pid namespace's init ignores TERM without a handler). */
    private static final Set<Integer> STOPPED = Set.of(128 + 15, 128 + 9);
    /** Stops fall from just after start() returns to well into the output. */
    private static final int MAX_STOP_MILLIS = 150;

    @TempDir
    static Path shared;
    static Path rootfs;
    static CniBridge net;
    static Scope scope;

    @BeforeAll
    static void prepare() throws Exception {
        Prerequisites.root();
        Path runc = Prerequisites.runc();
        if (CniBridge.pluginDir().isEmpty()) {
            fail("the soak needs the CNI plugins bridge, host-local and loopback (containernetworking-plugins)");
        }
        rootfs = BusyboxRootfs.create(shared.resolve("rootfs"));
        net = CniBridge.create(shared.resolve("cni"), "sksoakl", "10.238");
        scope = new Scope(shared.resolve("state"), rootfs, runc, shared.resolve("runc"), net.bridge(), net.leaseDir());
    }

    @AfterAll
    static void removeBridge() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void shortSoak() throws Exception {
        soak(SoakSizes.shortForm());
    }

    @Test
    @Tag("soak")
    void fullSoak() throws Exception {
        soak(SoakSizes.fromProperties());
    }

    private void soak(SoakSizes sizes) throws Exception {
        warmUp();
        Soak.Report report = Soak.run("library", sizes, MAX_STOP_MILLIS, scope, this::once);
        System.out.println(report.summary());
        assertThat(report.problems()).as("runs that went wrong, and census counts that differ").isEmpty();
    }

    /** Brings in the classes, caches and pools a run uses, so that the census sees only what runs leave. */
    private void warmUp() {
        assertThat(once(new SoakRun(SoakRun.Kind.STDIN, true, SoakRun.Stop.DESTROY, 50))).isEmpty();
        assertThat(once(new SoakRun(SoakRun.Kind.ECHO, false, SoakRun.Stop.NONE, 0))).isEmpty();
    }

    /** One run; what went wrong, if anything. */
    private List<String> once(SoakRun run) {
        try (Container c = builder(run).start()) {
            Future<String> out = output(c.getInputStream(), run.stop() == SoakRun.Stop.CLOSE);
            Thread feeder = Thread.ofVirtual().start(() -> feed(c, run));
            if (run.stop() != SoakRun.Stop.NONE) {
                Thread.sleep(run.stopAfterMillis());
                stop(c, run.stop());
            }
            ExitStatus status = c.onExit().get(120, TimeUnit.SECONDS);
            String output = out.get(120, TimeUnit.SECONDS);
            feeder.join();
            return run.check(status.shellCode(), output, STOPPED);
        } catch (Exception | AssertionError e) {
            return List.of(run + ": " + e);
        }
    }

    private ContainerBuilder builder(SoakRun run) {
        ContainerBuilder b = new ContainerBuilder(rootfs).stateDir(scope.stateDir())
                .runtimeFlag("--root=" + scope.runtimeRoot()).stopGracePeriod(Duration.ofMillis(200))
                .command("sh", "-c", run.kind().script());
        if (run.network()) {
            b.request(r -> r.network(new NetworkOptions(net.confDir(), null)).spec(s -> s.network(net.name())));
        }
        return b;
    }

    /**
     * What the container wrote, read to the end on a virtual thread. close() closes the
     * stream under the reader: then what was read before counts.
     */
    private static Future<String> output(InputStream in, boolean closedEarly) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            try {
                in.transferTo(read);
            } catch (IOException e) {
                if (!closedEarly) {
                    result.completeExceptionally(e);
                }
            }
            result.complete(read.toString(StandardCharsets.UTF_8));
        });
        return result;
    }

    private static void feed(Container c, SoakRun run) {
        try (var stdin = c.getOutputStream()) {
            stdin.write(run.stdin());
        } catch (IOException stopped) {
            // the container was stopped before it read everything
        }
    }

    private static void stop(Container c, SoakRun.Stop stop) {
        switch (stop) {
            case DESTROY -> c.destroy();
            case DESTROY_FORCIBLY -> c.destroyForcibly();
            case CLOSE -> c.close();
            case NONE -> { }
        }
    }

}
