package dev.skiff.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What Skiff's runs may leave behind, listed item by item so that a difference shows what
 * changed: this JVM's descriptors and OS threads, its descendants and their zombies, and
 * the host-wide things that belong to one {@link Scope}: processes and mounts of its runs,
 * network namespaces they keep alive, veths on its bridge, IPAM leases, bundles, the
 * runtime's state directories and {@code runtime list}.
 *
 * <p>OS threads leave out the JVM's self-sizing pools (JIT compiler threads, the virtual
 * thread scheduler's carriers, the JDK's process reapers): the JVM grows them under load and
 * retires them after an idle time of its own (30 to 60 s), so they say nothing about Skiff.
 */
public record HostCensus(Map<String, List<String>> items) {
    private static final List<String> ELASTIC_THREADS = List.of("C1 CompilerThre", "C2 CompilerThre",
            "ForkJoinPool-", "ForkJoinPool.co", "process reaper");

    public HostCensus {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        items.forEach((what, list) -> copy.put(what, List.copyOf(list)));
        items = Collections.unmodifiableMap(copy);
    }

    public static HostCensus take(Scope scope) throws IOException, InterruptedException {
        Map<String, List<String>> items = new LinkedHashMap<>();
        long self = ProcessHandle.current().pid();
        items.put("open descriptors", ProcScan.descriptors(self));
        items.put("OS threads", ProcScan.threadNames(self).stream()
                .filter(name -> ELASTIC_THREADS.stream().noneMatch(name::startsWith)).toList());
        List<ProcessHandle> descendants = ProcessHandle.current().descendants().toList();
        items.put("descendants", descendants.stream().map(HostCensus::describe).toList());
        items.put("zombies", descendants.stream().filter(p -> ProcScan.state(p.pid()) == 'Z')
                .map(HostCensus::describe).toList());
        Map<Long, String> runProcesses = runProcesses(scope, self);
        items.put("run processes", List.copyOf(runProcesses.values()));
        items.put("mounts", mounts(scope));
        Set<Long> ours = new HashSet<>(runProcesses.keySet());
        descendants.forEach(p -> ours.add(p.pid()));
        items.put("network namespaces", networkNamespaces(self, ours));
        items.put("veths", bridgePorts(scope.bridge()));
        items.put("leases", leases(scope.leaseDir()));
        items.put("bundles", entries(scope.stateDir()));
        items.put("runtime state dirs", entries(scope.runtimeRoot()));
        items.put("runtime list", runtimeList(scope));
        return new HostCensus(items);
    }

    /**
     * Takes censuses until one equals {@code before} or {@code settle} has passed, and returns
     * the last: a run's teardown may still be finishing when the soak's last run returns.
     */
    public static HostCensus settled(HostCensus before, Scope scope, Duration settle)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + settle.toNanos();
        HostCensus after = take(scope);
        while (!after.counts().equals(before.counts()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            after = take(scope);
        }
        return after;
    }

    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        items.forEach((what, list) -> counts.put(what, list.size()));
        return counts;
    }

    /** {@code what: before -> after (+added, -removed)} for each count that differs. */
    public List<String> differences(HostCensus after) {
        List<String> out = new ArrayList<>();
        items.forEach((what, list) -> {
            List<String> later = after.items().getOrDefault(what, List.of());
            if (list.size() != later.size()) {
                out.add(what + ": " + list.size() + " -> " + later.size() + " (+" + minus(later, list) + ", -"
                        + minus(list, later) + ")");
            }
        });
        return out;
    }

    /** One line: every count, before and after. */
    public String beside(HostCensus after) {
        return items.keySet().stream()
                .map(what -> what + " " + items.get(what).size() + "/" + after.items().get(what).size())
                .collect(Collectors.joining(", "));
    }

    private static List<String> minus(List<String> a, List<String> b) {
        List<String> rest = new ArrayList<>(a);
        b.forEach(rest::remove);
        return rest;
    }

    private static String describe(ProcessHandle p) {
        return p.pid() + " " + ProcScan.state(p.pid()) + " " + ProcScan.cmdline(p.pid());
    }

    /**
     * Processes of this scope's runs wherever they are in the process tree: those whose root
     * is the rootfs (containers), and those whose command line names the state dir or the
     * runtime root (runtime verbs, monitors, the skiff command).
     */
    private static Map<Long, String> runProcesses(Scope scope, long self) throws IOException {
        Object rootfs = ProcScan.fileKey(scope.rootfs());
        List<String> marks = Stream.of(scope.stateDir(), scope.runtimeRoot()).filter(Objects::nonNull)
                .map(Path::toString).toList();
        Map<Long, String> found = new TreeMap<>();
        for (long pid : ProcScan.pids()) {
            if (pid == self) {
                continue;
            }
            String cmdline = ProcScan.cmdline(pid);
            if (Objects.equals(ProcScan.rootKey(pid), rootfs) || marks.stream().anyMatch(cmdline::contains)) {
                found.put(pid, pid + " " + ProcScan.state(pid) + " " + cmdline);
            }
        }
        return found;
    }

    /**
     * Network namespaces other than this JVM's that something of the scope keeps alive: a
     * process of it living in one or holding a descriptor on one, or this JVM holding one.
     * Skiff makes no nsfs mount: one under the scope's directories would count as a mount.
     */
    private static List<String> networkNamespaces(long self, Set<Long> processes) {
        String own = ProcScan.link(ProcScan.proc(self, "ns/net"));
        Map<String, List<String>> held = new TreeMap<>();
        for (String fd : ProcScan.descriptors(self)) {
            if (fd.startsWith("net:[") && !fd.equals(own)) {
                held.computeIfAbsent(fd, k -> new ArrayList<>()).add("a descriptor of this JVM");
            }
        }
        for (long pid : processes) {
            String ns = ProcScan.link(ProcScan.proc(pid, "ns/net"));
            if (!ns.isEmpty() && !ns.equals(own)) {
                held.computeIfAbsent(ns, k -> new ArrayList<>()).add("process " + pid);
            }
            for (String fd : ProcScan.descriptors(pid)) {
                if (fd.startsWith("net:[") && !fd.equals(own)) {
                    held.computeIfAbsent(fd, k -> new ArrayList<>()).add("a descriptor of " + pid);
                }
            }
        }
        return held.entrySet().stream().map(e -> e.getKey() + " held by " + e.getValue()).toList();
    }

    /** Mounts on or under the state dir, the rootfs or the runtime root. */
    private static List<String> mounts(Scope scope) throws IOException {
        List<Path> dirs = Stream.of(scope.stateDir(), scope.rootfs(), scope.runtimeRoot()).filter(Objects::nonNull)
                .toList();
        return MountTable.read().stream().filter(m -> dirs.stream().anyMatch(m.point()::startsWith))
                .map(m -> m.point() + " " + m.type()).toList();
    }

    /** The host ends of the veths on the bridge: its ports. */
    private static List<String> bridgePorts(String bridge) throws IOException {
        return bridge == null ? List.of() : entries(Path.of("/sys/class/net", bridge, "brif"));
    }

    /** host-local's leases: one file per address, beside its lock and last_reserved_ip files. */
    private static List<String> leases(Path leaseDir) throws IOException {
        if (leaseDir == null || !Files.isDirectory(leaseDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(leaseDir)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(f -> !f.equals("lock") && !f.startsWith("last_reserved_ip")).sorted().toList();
        }
    }

    private static List<String> entries(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> runtimeList(Scope scope) throws IOException, InterruptedException {
        if (scope.runtimeRoot() == null) {
            return List.of();
        }
        Process p = new ProcessBuilder(scope.runtime().toString(), "--root", scope.runtimeRoot().toString(), "list",
                "-q").redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(scope.runtime() + " list failed: " + out);
        }
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
