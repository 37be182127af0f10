package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A monitor killed with SIGKILL leaves its run behind; {@code skiff cleanup} finishes it. */
@Tag("integration")
class CleanupIT {
    @TempDir
    static Path shared;
    static Path rootfs;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void makeRootfs() throws Exception {
        Prerequisites.root();
        Prerequisites.runc();
        rootfs = shared.resolve("rootfs");
        SkiffCommand.busyboxRootfs(rootfs);
    }

    @Test
    void cleanupFinishesAKilledRunAndIsSafeTwice() throws Exception {
        Process skiff = new ProcessBuilder(SkiffCommand.launcher().toString(), "run", "--state-dir",
                stateDir.toString(), "--rootfs", rootfs.toString(), "--network", "none",
                "sh", "-c", "echo started; exec sleep 3600").redirectErrorStream(true).start();
        byte[] line = new byte[8];
        assertThat(skiff.getInputStream().readNBytes(line, 0, 8)).isEqualTo(8);
        assertThat(new String(line, StandardCharsets.UTF_8)).isEqualTo("started\n");
        skiff.destroyForcibly();
        assertThat(skiff.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(SkiffCommand.entries(stateDir)).hasSize(1);
        assertThat(SkiffCommand.runcContainers(stateDir)).hasSize(1);

        SkiffCommand.Result first = SkiffCommand.run(List.of("cleanup", "--state-dir", stateDir.toString()));
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.stdout()).startsWith("cleaned skiff-");
        assertThat(SkiffCommand.entries(stateDir)).isEmpty();
        assertThat(SkiffCommand.runcContainers(stateDir)).isEmpty();

        SkiffCommand.Result second = SkiffCommand.run(List.of("cleanup", "--state-dir", stateDir.toString()));
        assertThat(second.exitCode()).isZero();
        assertThat(second.stdout()).isEmpty();
    }

    @Test
    void cleanupLeavesARunInFlightAlone() throws Exception {
        Process skiff = new ProcessBuilder(SkiffCommand.launcher().toString(), "run", "--state-dir",
                stateDir.toString(), "--rootfs", rootfs.toString(), "--network", "none",
                "sh", "-c", "echo started; read line; echo got $line").start();
        byte[] line = new byte[8];
        assertThat(skiff.getInputStream().readNBytes(line, 0, 8)).isEqualTo(8);

        SkiffCommand.Result r = SkiffCommand.run(List.of("cleanup", "--state-dir", stateDir.toString()));
        assertThat(r.stdout()).isEmpty();
        assertThat(SkiffCommand.entries(stateDir)).hasSize(1);

        skiff.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
        skiff.getOutputStream().close();
        assertThat(new String(skiff.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("got go\n");
        assertThat(skiff.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(skiff.exitValue()).isZero();
        assertThat(SkiffCommand.entries(stateDir)).isEmpty();
        assertThat(Files.exists(stateDir)).isTrue();
    }
}
