package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code skiff} launcher from the jlink image, as a user would. */
final class SkiffCommand {
    /** What a finished command printed and how it exited. */
    record Result(int exitCode, String stdout, String stderr) {}

    /** One thread per stream: the common pool has a single worker on two cores, and these block. */
    private static final ExecutorService IO = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "skiff-test-io");
        t.setDaemon(true);
        return t;
    });

    private SkiffCommand() {}

    static Path launcher() {
        Path image = Path.of(System.getProperty("skiff.image", "target/skiff"));
        Path skiff = image.resolve("bin/skiff");
        assertThat(skiff).as("the jlink image must be built before the CLI tests (mvn verify builds it)")
                .isExecutable();
        return skiff;
    }

    /** A busybox rootfs at {@code dir}, made by {@code skiff rootfs busybox} as a user would make it. */
    static Path busyboxRootfs(Path dir) throws IOException, InterruptedException {
        Result r = run(List.of("rootfs", "busybox", dir.toString()));
        assertThat(r.exitCode()).as("skiff rootfs busybox %s: %s", dir, r.stderr()).isZero();
        return dir;
    }

    static Result run(byte[] stdin, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher().toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<byte[]> out = readAsync(p.getInputStream());
        CompletableFuture<byte[]> err = readAsync(p.getErrorStream());
        CompletableFuture<Void> in = CompletableFuture.runAsync(() -> {
            try (OutputStream os = p.getOutputStream()) {
                os.write(stdin);
            } catch (IOException e) {
                // the container may exit without reading its stdin
            }
        }, IO);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("skiff " + args + " did not finish in 120 s");
        }
        in.join();
        return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
    }

    static Result run(List<String> args) throws IOException, InterruptedException {
        return run(new byte[0], args);
    }

    private static CompletableFuture<byte[]> readAsync(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, IO);
    }

    /**
     * The containers {@code runc list} knows whose bundle lies under {@code stateDir}: the
     * ones this test made (other tests may run containers at the same time).
     */
    static List<String> runcContainers(Path stateDir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Prerequisites.runc().toString(), "list").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String under = stateDir.toString() + "/";
        return out.lines().filter(l -> l.contains(" " + under)).map(l -> l.split("\\s+")[0]).toList();
    }

    static List<Path> entries(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }
}
