import dev.skiff.runtime.Container;
import dev.skiff.runtime.ContainerBuilder;
import dev.skiff.runtime.ExitStatus;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * bench/run's warm library JVM: Skiff through its public API, as an application would
 * call it. Compiled by bench/run against the built image and run on its java; not
 * part of the image.
 *
 * <pre>
 *   LibraryRun time in-process|child ROOTFS WARMUP RUNS   ms from start() to the end of the run, per run
 *   LibraryRun monitor-rss ROOTFS RUNS                    the monitor child's peak RSS (VmHWM) in MiB, per run
 * </pre>
 *
 * Runs use {@code --network none}, as the CLI's cases; one that does not exit 0 stops
 * the driver with a non-zero status.
 */
public final class LibraryRun {
    private LibraryRun() {}

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "time" -> time(args[1].equals("in-process"), Path.of(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "monitor-rss" -> monitorRss(Path.of(args[1]), Integer.parseInt(args[2]));
            default -> {
                System.err.println("usage: LibraryRun time in-process|child ROOTFS WARMUP RUNS"
                        + " | monitor-rss ROOTFS RUNS");
                System.exit(2);
            }
        }
    }

    private static void time(boolean inProcess, Path rootfs, int warmup, int runs) throws Exception {
        for (int i = 0; i < warmup + runs; i++) {
            long begin = System.nanoTime();
            try (Container c = builder(rootfs).monitorInProcess(inProcess).start()) {
                expectSuccess(c.waitFor());
            }
            if (i >= warmup) {
                System.out.printf("%.3f%n", (System.nanoTime() - begin) / 1e6);
            }
        }
    }

    /**
     * The container's public handle does not name its monitor, so the monitor is this
     * JVM's child that appeared with start(). The container runs {@code cat} until the
     * monitor is found, then gets EOF; the monitor's VmHWM is read until the process is
     * gone (a zombie has no Vm lines, a reaped process no status): the last value is the
     * peak of its whole life.
     */
    private static void monitorRss(Path rootfs, int runs) throws Exception {
        for (int i = 0; i < runs; i++) {
            Set<Long> before = childPids();
            long hwmKb = 0;
            try (Container c = builder(rootfs).command("cat").redirectInput(Redirect.PIPE).start()) {
                long monitor = newChild(before);
                c.getOutputStream().close();
                for (Optional<Long> kb = vmHwmKb(monitor); kb.isPresent(); kb = vmHwmKb(monitor)) {
                    hwmKb = kb.get();
                    Thread.sleep(1);
                }
                expectSuccess(c.waitFor());
            }
            System.out.printf("%.1f%n", hwmKb / 1024.0);
        }
    }

    private static ContainerBuilder builder(Path rootfs) {
        return new ContainerBuilder(rootfs).command("true")
                .request(r -> r.spec(s -> s.network("none")))
                .redirectInput(new File("/dev/null"))
                .redirectOutput(Redirect.DISCARD)
                .redirectError(Redirect.INHERIT);
    }

    private static void expectSuccess(ExitStatus status) {
        if (!(status instanceof ExitStatus.Exited(int code)) || code != 0) {
            throw new IllegalStateException("the container's command ended " + status);
        }
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static long newChild(Set<Long> before) {
        Set<Long> added = childPids();
        added.removeAll(before);
        if (added.size() != 1) {
            throw new IllegalStateException("expected one new child (the monitor), found " + added);
        }
        return added.iterator().next();
    }

    private static Optional<Long> vmHwmKb(long pid) throws Exception {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // Reaped between the open and the read: /proc answers ESRCH.
            if ("No such process".equals(e.getMessage())) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
