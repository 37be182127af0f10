package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.testkit.Prerequisite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The static C prober (test resource {@code probe.c}), built with the host's {@code gcc
 * -static}: it runs inside any rootfs and on the host alike. Without gcc the tests fail
 * with CI=true (scripts/host-packages installs gcc and libc6-dev) and skip elsewhere.
 */
final class ProbeBinary {
    private static final Path GCC = Path.of("/usr/bin/gcc");

    private ProbeBinary() {}

    /** Compiles probe.c into {@code dir/probe} and returns that path. */
    static Path build(Path dir) throws IOException, InterruptedException {
        requireGcc();
        Path source = dir.resolve("probe.c");
        try (InputStream in = ProbeBinary.class.getResourceAsStream("probe.c")) {
            assertThat(in).as("test resource probe.c").isNotNull();
            Files.copy(in, source);
        }
        Path binary = dir.resolve("probe");
        Process gcc = new ProcessBuilder(GCC.toString(), "-static", "-O2", "-Wall", "-o", binary.toString(),
                source.toString()).redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gcc.waitFor(120, TimeUnit.SECONDS)).as("gcc finishes").isTrue();
        assertThat(gcc.exitValue()).as("gcc -static probe.c (libc6-dev has the static libc): %s", output).isZero();
        return binary;
    }

    private static void requireGcc() {
        if (Files.isExecutable(GCC)) {
            return;
        }
        String why = "the protection probes need " + GCC + " and a static libc (scripts/host-packages installs gcc"
                + " and libc6-dev)";
        Prerequisite.missing(why);
    }
}
