package dev.skiff.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.mounts.BusyboxRootfs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many containers from one JVM at once, each with its own monitor child: all output
 * intact, no platform thread per container, and nothing left behind.
 */
@Tag("integration")
class ConcurrentContainersTest {
    private static final int CONTAINERS = 64;
    private static final int LINES = 20_000;
    /** The poller, carriers, JIT and GC threads may come and go; 64 more would mean one per container. */
    private static final int THREAD_ALLOWANCE = 12;

    @TempDir
    static Path shared;
    static Path rootfs;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void makeRootfs() throws Exception {
        Prerequisites.root();
        Prerequisites.runc();
        rootfs = BusyboxRootfs.create(shared.resolve("rootfs"));
    }

    private static String expected(int id) {
        return IntStream.rangeClosed(1, LINES).mapToObj(i -> "c" + id + " " + i + "\n").collect(Collectors.joining());
    }

    /** Half read a PIPE, half hand the relay an OutputStream: both paths run concurrently. */
    private String runOne(int id) throws Exception {
        ContainerBuilder b = new ContainerBuilder(rootfs).stateDir(stateDir)
                .command("sh", "-c", "seq 1 " + LINES + " | sed \"s/^/$0 /\"", "c" + id);
        if (id % 2 == 0) {
            try (Container c = b.start()) {
                String out = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(c.waitFor()).isEqualTo(ExitStatus.exited(0));
                return out;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Container c = b.redirectOutput(out).start()) {
            assertThat(c.waitFor()).isEqualTo(ExitStatus.exited(0));
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void sixtyFourAtOnceRelayEverythingWithBoundedThreads() throws Exception {
        runOne(0);
        runOne(1);
        int threadsBefore = HostState.osThreads();
        int fdsBefore = HostState.openFds();

        List<Future<String>> runs = new ArrayList<>();
        try (ThreadPeak peak = ThreadPeak.start(); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int id = 0; id < CONTAINERS; id++) {
                int n = id;
                runs.add(pool.submit(() -> runOne(n)));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(9, TimeUnit.MINUTES)).isTrue();
            System.out.printf("%d containers: OS threads %d before, %d at the peak%n", CONTAINERS, threadsBefore,
                    peak.max());
            assertThat(peak.max()).as("OS threads of this JVM at the peak, from %d", threadsBefore)
                    .isLessThanOrEqualTo(threadsBefore + THREAD_ALLOWANCE);
        }

        for (int id = 0; id < CONTAINERS; id++) {
            assertThat(runs.get(id).get()).as("output of container %d", id).isEqualTo(expected(id));
        }
        assertThat(HostState.openFds()).as("open descriptors").isLessThanOrEqualTo(fdsBefore);
        assertThat(HostState.children()).as("children of this JVM").isEmpty();
        assertThat(HostState.entries(stateDir)).as("bundles").isEmpty();
        assertThat(HostState.runcContainers(stateDir)).as("runc containers").isEmpty();
    }
}
