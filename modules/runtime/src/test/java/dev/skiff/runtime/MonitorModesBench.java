package dev.skiff.runtime;

import dev.skiff.mounts.BusyboxRootfs;
import dev.skiff.runtime.monitor.MonitorProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures both monitor modes: start() to the first byte of {@code echo hi}, median of
 * 10 after 3 warm-ups, and the monitor child's peak RSS (VmHWM) while its container runs.
 * Not a timed test: tagged bench, excluded by default; run with
 * {@code -Dskiff.excludedTags= -Dtest=MonitorModesBench}. With both executions of the pom
 * the in-process numbers come from a JVM that is already a subreaper; that changes nothing measured.
 */
@Tag("bench")
class MonitorModesBench {
    private static final int RUNS = 10;
    private static final int WARM_UPS = 3;

    @TempDir
    Path dir;

    /** cpuMillis: the monitor child's user+system time at first output; in-process, this JVM's over start(). */
    record Sample(double firstOutputMillis, double exitMillis, long monitorHwmKb, long cpuMillis) {}

    @Test
    void startupAndMemoryOfBothModes() throws Exception {
        Prerequisites.root();
        Path rootfs = BusyboxRootfs.create(dir.resolve("rootfs"));
        report("monitor child", rootfs, false, null);
        report("monitor child + AppCDS", rootfs, false,
                "-XX:SharedArchiveFile=" + dir.resolve("monitor.jsa") + " -XX:+AutoCreateSharedArchive");
        report("in-process", rootfs, true, null);
    }

    private void report(String mode, Path rootfs, boolean inProcess, String javaOptions) throws Exception {
        if (javaOptions != null) {
            System.setProperty("skiff.monitor.javaOptions", javaOptions);
        }
        try {
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < WARM_UPS + RUNS; i++) {
                Sample s = once(rootfs, inProcess);
                if (i >= WARM_UPS) {
                    samples.add(s);
                }
            }
            long rssBefore = vmKb("self", "VmRSS");
            System.out.printf("%-24s start→first output median %6.1f ms (min %6.1f, max %6.1f); "
                    + "start→onExit median %6.1f ms; CPU median %d ms; monitor VmHWM median %s; this JVM VmRSS %d MB%n",
                    mode,
                    median(samples.stream().map(Sample::firstOutputMillis).toList()),
                    samples.stream().mapToDouble(Sample::firstOutputMillis).min().orElse(0),
                    samples.stream().mapToDouble(Sample::firstOutputMillis).max().orElse(0),
                    median(samples.stream().map(Sample::exitMillis).toList()),
                    (long) median(samples.stream().map(x -> (double) x.cpuMillis()).toList()),
                    inProcess ? "n/a (no child)" : (long) median(samples.stream()
                            .map(s -> (double) s.monitorHwmKb()).toList()) / 1024 + " MB",
                    rssBefore / 1024);
        } finally {
            System.clearProperty("skiff.monitor.javaOptions");
        }
    }

    /** {@code echo hi} then wait for stdin's end, so the monitor can be measured while it runs. */
    private Sample once(Path rootfs, boolean inProcess) throws Exception {
        long begin = System.nanoTime();
        long cpuBefore = cpuMillis("self");
        try (Container c = new ContainerBuilder(rootfs).stateDir(dir.resolve("state"))
                .command("sh", "-c", "echo hi; cat >/dev/null").monitorInProcess(inProcess).start()) {
            int first = c.getInputStream().read();
            long firstOutput = System.nanoTime();
            if (first != 'h') {
                throw new AssertionError("unexpected output " + first);
            }
            String monitor = c.session() instanceof MonitorProcess m ? Integer.toString(m.monitorPid()) : null;
            long hwm = monitor == null ? 0 : vmKb(monitor, "VmHWM");
            long cpu = monitor == null ? cpuMillis("self") - cpuBefore : cpuMillis(monitor);
            c.getOutputStream().close();
            c.waitFor();
            long exit = System.nanoTime();
            return new Sample((firstOutput - begin) / 1e6, (exit - begin) / 1e6, hwm, cpu);
        }
    }

    /** utime + stime from /proc/PID/stat, in clock ticks of 10 ms. */
    private static long cpuMillis(String pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    private static long vmKb(String pid, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError(field + " not found for " + pid);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
