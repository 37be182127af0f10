package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code skiff run}'s spec, mount and network options in real containers. */
@Tag("integration")
class RunOptionsIT {
    @TempDir
    static Path shared;
    static Path rootfs;

    @TempDir
    Path stateDir;
    @TempDir
    Path work;
    @BeforeAll
    static void makeRootfs() throws Exception {
        Prerequisites.root();
        Prerequisites.runc();
        rootfs = SkiffCommand.busyboxRootfs(shared.resolve("rootfs"));
    }

    @AfterEach
    void nothingIsLeftBehind() throws Exception {
        assertThat(SkiffCommand.entries(stateDir)).as("bundles left in the state dir").isEmpty();
        assertThat(SkiffCommand.runcContainers(stateDir)).as("runc list").isEmpty();
    }

    private SkiffCommand.Result skiff(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("run", "--state-dir", stateDir.toString(),
                "--rootfs", rootfs.toString(), "--network", "none"));
        argv.addAll(Arrays.asList(args));
        return SkiffCommand.run(argv);
    }

    @Test
    void userByNameAndNumber() throws Exception {
        assertThat(skiff("-u", "skiff", "id").stdout()).isEqualTo("uid=1000(skiff) gid=1000(skiff) groups=100(users),1000(skiff)\n");
        assertThat(skiff("--user=1000:100", "id", "-u").stdout()).isEqualTo("1000\n");
        SkiffCommand.Result unknown = skiff("-u", "mallory", "id");
        assertThat(unknown.exitCode()).isEqualTo(125);
        assertThat(unknown.stderr()).startsWith("skiff: ").contains("mallory");
    }

    @Test
    void volumesAreReadWriteOrReadOnly() throws Exception {
        Path rw = Files.createDirectories(work.resolve("rw"));
        Path ro = Files.createDirectories(work.resolve("ro"));
        SkiffCommand.Result r = skiff("-v", rw + ":/data", "-v", ro + ":/ro:ro", "sh", "-c",
                "echo written > /data/file; echo x > /ro/file || echo refused");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(Files.readString(rw.resolve("file"))).isEqualTo("written\n");
        assertThat(ro.resolve("file")).doesNotExist();
        assertThat(r.stdout()).isEqualTo("refused\n");
    }

    @Test
    void tmpfsMountHasItsSize() throws Exception {
        SkiffCommand.Result r = skiff("--mount", "type=tmpfs,destination=/scratch,tmpfs-size=8m",
                "sh", "-c", "grep ' /scratch ' /proc/mounts");
        assertThat(r.stdout()).contains("tmpfs").contains("size=8192k");
    }

    @Test
    void addHostEntriesResolveInside() throws Exception {
        SkiffCommand.Result r = skiff("--add-host", "db.example:10.1.2.3", "sh", "-c", "grep db.example /etc/hosts");
        assertThat(r.stdout()).contains("10.1.2.3").contains("db.example");
    }

    @Test
    void droppedCapabilityIsGone() throws Exception {
        assertThat(skiff("chown", "1000", "/tmp").exitCode()).isZero();
        SkiffCommand.Result r = skiff("--cap-drop", "chown", "chown", "1000", "/tmp");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("Operation not permitted");
    }

    @Test
    void limitsAreVisibleInside() throws Exception {
        assertThat(skiff("--ulimit", "nofile=100:200", "sh", "-c", "ulimit -n; ulimit -H -n").stdout())
                .isEqualTo("100\n200\n");
        String memory = skiff("-m", "64m", "sh", "-c",
                "cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes").stdout();
        assertThat(memory.strip()).isEqualTo("67108864");
    }

    /** The host has keys in /proc/keys and entries in /sys/firmware; the container sees neither. */
    @Test
    void maskedPathsReadEmpty() throws Exception {
        assertThat(Files.size(Path.of("/proc/keys")) + Files.readString(Path.of("/proc/keys")).length()).isPositive();
        try (var firmware = Files.list(Path.of("/sys/firmware"))) {
            assertThat(firmware.count()).isPositive();
        }
        SkiffCommand.Result r = skiff("sh", "-c", "cat /proc/keys | wc -c; ls /sys/firmware | wc -l");
        assertThat(r.stdout()).isEqualTo("0\n0\n");
    }

    @Test
    void seccompFilterIsOnByDefaultAndProfilesApply() throws Exception {
        assertThat(skiff("grep", "Seccomp:", "/proc/self/status").stdout()).contains("2");
        assertThat(skiff("--security-opt", "seccomp=unconfined", "grep", "Seccomp:", "/proc/self/status").stdout())
                .contains("0");
        Path profile = Files.writeString(work.resolve("no-unshare.json"), """
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "syscalls": [{"names": ["unshare"], "action": "SCMP_ACT_ERRNO"}]}""");
        assertThat(skiff("unshare", "-U", "true").exitCode()).as("the system profile allows unshare").isZero();
        SkiffCommand.Result blocked = skiff("--security-opt", "seccomp=" + profile, "unshare", "-U", "true");
        assertThat(blocked.exitCode()).isNotZero();
        assertThat(blocked.stderr()).contains("Operation not permitted");
    }

    @Test
    void imageVolumesKeepTheirContentAndPersistPerContainer() throws Exception {
        Path config = Files.writeString(work.resolve("image.json"),
                "{\"config\": {\"Volumes\": {\"/etc/skiff-vol\": {}}, \"Env\": [\"FROM_IMAGE=yes\"]}}");
        Path seeded = Files.createDirectories(rootfs.resolve("etc/skiff-vol"));
        Files.writeString(seeded.resolve("initial"), "from the image\n");
        String name = "it-" + ProcessHandle.current().pid();
        try {
            SkiffCommand.Result first = skiff("--image-config", config.toString(), "--name", name, "sh", "-c",
                    "cat /etc/skiff-vol/initial; echo $FROM_IMAGE; echo later > /etc/skiff-vol/added");
            assertThat(first.stdout()).as(first.stderr()).isEqualTo("from the image\nyes\n");
            SkiffCommand.Result second = skiff("--image-config", config.toString(), "--name", name,
                    "cat", "/etc/skiff-vol/added");
            assertThat(second.stdout()).isEqualTo("later\n");
            assertThat(rootfs.resolve("etc/skiff-vol/added")).as("the rootfs itself is untouched").doesNotExist();
        } finally {
            Files.delete(seeded.resolve("initial"));
            Files.delete(seeded);
            deleteTree(Path.of("/var/lib/skiff/containers", name));
        }
    }

    @Test
    void secretsFromMountsConfAppear() throws Exception {
        Path secretDir = Files.createDirectories(work.resolve("secret-src"));
        Files.writeString(secretDir.resolve("token"), "s3cret\n");
        Path conf = Files.writeString(work.resolve("mounts.conf"), secretDir + ":/run/secrets\n");
        SkiffCommand.Result r = skiff("--mounts-conf", conf.toString(), "sh", "-c",
                "cat /run/secrets/token; stat -c '%u:%g' /run/secrets/token");
        assertThat(r.stdout()).as(r.stderr()).isEqualTo("s3cret\n0:0\n");
    }

    @Test
    void hostileWorkingDirectorySymlinkStaysInside() throws Exception {
        Path hostile = work.resolve("hostile-wd");
        SkiffCommand.busyboxRootfs(hostile);
        Path hostTarget = work.resolve("host-only");
        Files.createSymbolicLink(hostile.resolve("wd"), hostTarget);
        SkiffCommand.Result r = SkiffCommand.run(List.of("run", "--state-dir", stateDir.toString(),
                "--rootfs", hostile.toString(), "--network", "none", "--workingdir", "/wd/sub", "pwd"));
        assertThat(hostTarget).as("nothing created on the host").doesNotExist();
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.stderr()).startsWith("skiff: ").contains("/wd");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void networkNoneHasOnlyLoopback() throws Exception {
        SkiffCommand.Result r = skiff("sh", "-c", "ls /sys/class/net");
        assertThat(r.stdout().strip()).isEqualTo("lo");
    }

    @Test
    void dryRunPrintsTheConfigAndRunsNothing() throws Exception {
        SkiffCommand.Result r = skiff("--dry-run", "--hostname", "dry", "-e", "A=b", "echo", "hi");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("{").contains("\"hostname\": \"dry\"").contains("\"A=b\"")
                .doesNotContain("hi\n");
    }

    @Test
    void hostilePasswdSymlinkIsNotFollowedToTheHost() throws Exception {
        Path hostile = work.resolve("hostile");
        SkiffCommand.busyboxRootfs(hostile);
        Path hostPasswd = Files.writeString(work.resolve("host-passwd"), "mallory:x:0:0::/root:/bin/sh\n");
        Files.delete(hostile.resolve("etc/passwd"));
        Files.createSymbolicLink(hostile.resolve("etc/passwd"), hostPasswd);
        SkiffCommand.Result r = SkiffCommand.run(List.of("run", "--state-dir", stateDir.toString(),
                "--rootfs", hostile.toString(), "--network", "none", "-u", "mallory", "id"));
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.stderr()).contains("mallory");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--ulimit|nofile=abc|--ulimit",
        "--ulimit|bogus=1|--ulimit",
        "--memory|12q|--memory",
        "--cap-add|NOT_A_CAP|--cap-add",
        "--cpu-shares|-5|--cpu-shares",
        "--security-opt|seccomp=/nonexistent.json|seccomp",
        "--uidmap|0:x:1|--uidmap",
        "-v|relative:/data|relative",
        "-v|/tmp:data|data",
        "--mount|type=bogus,destination=/x|bogus",
        "--add-host|nocolon|nocolon",
        "--pid|ns:relative|--pid",
        "--shm-size|lots|lots",
    })
    void badValuesFailWith125OnOneLineNamingFlagAndValue(String flag, String value, String named) throws Exception {
        SkiffCommand.Result r = skiff(flag, value, "true");
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.stderr()).startsWith("skiff: ").contains(named).endsWith("\n");
        assertThat(r.stderr().strip().lines()).hasSize(1);
        assertThat(r.stdout()).isEmpty();
    }
}
