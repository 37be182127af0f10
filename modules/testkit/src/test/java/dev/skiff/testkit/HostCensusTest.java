package dev.skiff.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The census sees each kind of leftover it counts: a soak can fail. Needs root (a mount, a namespace). */
class HostCensusTest {
    @TempDir
    Path dir;
    Scope scope;
    final List<Process> processes = new ArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void scope() throws Exception {
        assertThat(System.getProperty("user.name")).as("the census test mounts and unshares: root").isEqualTo("root");
        Path runtime = dir.resolve("runtime");
        Files.writeString(runtime, "#!/bin/sh\n[ -e \"$(dirname \"$0\")/listed\" ] && echo a-container\nexit 0\n");
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwxr-xr-x"));
        scope = new Scope(Files.createDirectory(dir.resolve("state")), Files.createDirectory(dir.resolve("rootfs")),
                runtime, Files.createDirectory(dir.resolve("runtime-root")), null,
                Files.createDirectory(dir.resolve("leases")));
    }

    @AfterEach
    void release() throws Exception {
        release.countDown();
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        if (Files.exists(scope.stateDir().resolve("mnt"))) {
            new ProcessBuilder("umount", scope.stateDir().resolve("mnt").toString()).start().waitFor();
        }
    }

    @Test
    void aCensusOfNothingNewEqualsTheOneBefore() throws Exception {
        HostCensus before = HostCensus.take(scope);
        assertThat(before.differences(HostCensus.take(scope))).isEmpty();
    }

    @Test
    void everyKindOfLeftoverShows() throws Exception {
        HostCensus before = HostCensus.take(scope);

        FileChannel open = FileChannel.open(scope.rootfs());
        Thread.ofPlatform().name("leaked-thread").start(this::await);
        start("sh", "-c", "sleep 0 & exec sleep 60");
        start("sh", "-c", "sleep 61; :", scope.stateDir().toString());
        start("unshare", "--net", "sleep", "62");
        Files.createDirectory(scope.stateDir().resolve("mnt"));
        assertThat(new ProcessBuilder("mount", "-t", "tmpfs", "census", scope.stateDir().resolve("mnt").toString())
                .start().waitFor()).isZero();
        Files.createDirectory(scope.runtimeRoot().resolve("a-container"));
        Files.createFile(scope.runtime().resolveSibling("listed"));
        Files.createDirectories(scope.leaseDir().resolve("net"));
        Files.writeString(scope.leaseDir().resolve("net/lock"), "");
        Files.writeString(scope.leaseDir().resolve("net/10.0.0.2"), "id");
        Thread.sleep(300);

        Map<String, Integer> after = HostCensus.take(scope).counts();
        Map<String, Integer> was = before.counts();
        try (open) {
            assertThat(after.get("open descriptors")).isGreaterThan(was.get("open descriptors"));
            assertThat(after.get("OS threads")).isEqualTo(was.get("OS threads") + 1);
            assertThat(after.get("descendants")).as("three sleeps, a zombie, a shell").isEqualTo(5);
            assertThat(after.get("zombies")).isEqualTo(1);
            assertThat(after.get("run processes")).as("the one naming the state dir").isEqualTo(1);
            assertThat(after.get("network namespaces")).isEqualTo(1);
            assertThat(after.get("mounts")).isEqualTo(1);
            assertThat(after.get("bundles")).as("mnt").isEqualTo(1);
            assertThat(after.get("runtime state dirs")).isEqualTo(1);
            assertThat(after.get("runtime list")).isEqualTo(1);
            assertThat(after.get("leases")).isEqualTo(1);
            assertThat(after.get("veths")).isZero();
        }
    }

    private void start(String... command) throws Exception {
        processes.add(new ProcessBuilder(command).start());
    }

    private void await() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
