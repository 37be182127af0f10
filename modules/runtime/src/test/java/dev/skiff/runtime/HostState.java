package dev.skiff.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What a run may leave behind on the host, for before/after comparisons. */
final class HostState {
    private HostState() {}

    /**
     * The runc containers whose bundle is under {@code stateDir}: other runs on this
     * host (other tests, other users of runc) come and go meanwhile.
     */
    static List<String> runcContainers(Path stateDir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Prerequisites.runc().toString(), "list", "--format", "json").start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> ids = new ArrayList<>();
        for (JsonNode c : new ObjectMapper().readTree(out)) {
            if (c.path("bundle").asText().startsWith(stateDir.toString() + "/")) {
                ids.add(c.path("id").asText());
            }
        }
        return ids;
    }

    static List<Path> entries(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** This JVM's open descriptors. */
    static int openFds() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        }
    }

    /** This JVM's OS threads: platform threads, carriers, and the VM's own (GC, JIT). */
    static int osThreads() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/task"))) {
            return (int) s.count();
        }
    }

    /** Children of this JVM: zombies among them mean a child nobody reaped. */
    static List<String> children() throws IOException {
        long self = ProcessHandle.current().pid();
        List<String> found = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(after[1]) == self) {
                        found.add(p.getFileName() + " " + stat.substring(0, stat.lastIndexOf(')') + 1) + " " + after[0]);
                    }
                } catch (IOException gone) {
                    // exited while we looked
                }
            }
        }
        return found;
    }
}
