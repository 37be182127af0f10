package dev.skiff.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.libc.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusyboxRootfsTest {
    @TempDir
    static Path tmp;

    static Path dir;

    @BeforeAll
    static void build() throws IOException {
        HostBusybox.require();
        dir = BusyboxRootfs.create(tmp.resolve("not-yet/rootfs"));
    }

    @Test
    void copiesBusyboxAndLinksApplets() throws IOException {
        assertThat(dir.resolve("bin/busybox")).isRegularFile().isExecutable();
        assertThat(Files.isSymbolicLink(dir.resolve("bin/busybox"))).isFalse();
        assertThat(Files.readSymbolicLink(dir.resolve("bin/sh"))).isEqualTo(Path.of("busybox"));
        assertThat(Files.readSymbolicLink(dir.resolve("usr/bin/id"))).isEqualTo(Path.of("../../bin/busybox"));
        assertThat(Files.readSymbolicLink(dir.resolve("usr/bin/wc"))).isEqualTo(Path.of("../../bin/busybox"));
        assertThat(dir.resolve("linuxrc")).doesNotExist();
    }

    @Test
    void theCopiedBinaryRunsOnTheHost() throws Exception {
        assertThat(run(dir.resolve("bin/busybox").toString(), "sh", "-c", "echo hi")).isEqualTo("hi\n");
        assertThat(run(dir.resolve("bin/sh").toString(), "-c", "echo hi | " + dir.resolve("usr/bin/wc") + " -c"))
                .isEqualTo("3\n");
    }

    @Test
    void writesUsersAndGroups() throws IOException {
        try (RootfsAccess access = RootfsAccess.open(dir)) {
            assertThat(UserSpec.parse("root").resolve(access)).isEqualTo(new ContainerUser(0, 0, List.of(0L), "/root"));
            assertThat(UserSpec.parse(BusyboxRootfs.USER).resolve(access))
                    .isEqualTo(new ContainerUser(1000, 1000, List.of(1000L, 100L), BusyboxRootfs.USER_HOME));
            assertThat(UserSpec.parse("nobody:nogroup").resolve(access).uid()).isEqualTo(65534);
            assertThat(UserSpec.parse("nobody:nogroup").resolve(access).gid()).isEqualTo(65534);
        }
    }

    @Test
    void makesMountPointsAndBindTargets() throws IOException {
        for (String mountPoint : List.of("proc", "sys", "dev", "run", "etc", "root", "home/skiff")) {
            assertThat(dir.resolve(mountPoint)).isDirectory();
        }
        assertThat(Files.getAttribute(dir.resolve("tmp"), "unix:mode")).isEqualTo(041777);
        assertThat(Files.getAttribute(dir, "unix:mode")).isEqualTo(040755);
        assertThat(dir.resolve("etc/hosts")).isRegularFile().isEmptyFile();
        assertThat(dir.resolve("etc/resolv.conf")).isRegularFile().isEmptyFile();
        if (Processes.geteuid() == 0) {
            assertThat(Files.getAttribute(dir.resolve("home/skiff"), "unix:uid")).isEqualTo(1000);
            assertThat(Files.getAttribute(dir.resolve("home/skiff"), "unix:gid")).isEqualTo(1000);
            assertThat(Files.getAttribute(dir.resolve("root"), "unix:uid")).isEqualTo(0);
        }
    }

    @Test
    void refusesANonEmptyDirectory() throws IOException {
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("keep"), "mine");
        assertThatThrownBy(() -> BusyboxRootfs.create(full))
                .hasMessageContaining("not empty")
                .hasMessageContaining(full.toString());
        assertThat(Files.readString(full.resolve("keep"))).isEqualTo("mine");
        try (var entries = Files.list(full)) {
            assertThat(entries).containsExactly(full.resolve("keep"));
        }
    }

    @Test
    void refusesAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> BusyboxRootfs.create(file)).hasMessageContaining(file.toString());
    }

    @Test
    void acceptsAnExistingEmptyDirectory() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        BusyboxRootfs.create(empty);
        assertThat(empty.resolve("bin/busybox")).isRegularFile();
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
