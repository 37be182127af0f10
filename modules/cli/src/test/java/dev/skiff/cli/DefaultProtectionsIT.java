package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.cli.TestBridgeNetwork.HostCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the default {@code skiff run} container cannot do to the host, each probed with the
 * static C prober ({@code probe.c}) and asserted by its exact errno; where a flag lifts the
 * protection, a control run shows that the probe does see success.
 */
@Tag("integration")
class DefaultProtectionsIT {
    /** containers-common's profile, which allows keyctl: the control for the keyring test. */
    private static final Path SYSTEM_SECCOMP = Path.of("/usr/share/containers/seccomp.json");

    @TempDir
    static Path shared;
    static Path rootfs;
    static Path hostProbe;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void prepare() throws Exception {
        Prerequisites.root();
        Prerequisites.runc();
        hostProbe = ProbeBinary.build(Files.createDirectory(shared.resolve("probe")));
        rootfs = SkiffCommand.busyboxRootfs(shared.resolve("rootfs"));
        Files.copy(hostProbe, rootfs.resolve("bin/probe"));
        Path setuid = Files.copy(hostProbe, rootfs.resolve("bin/probe-suid"));
        Files.setAttribute(setuid, "unix:mode", 04755);
    }

    @AfterEach
    void nothingIsLeftBehind() throws Exception {
        assertThat(SkiffCommand.entries(stateDir)).as("bundles left in the state dir").isEmpty();
        assertThat(SkiffCommand.runcContainers(stateDir)).as("runc list").isEmpty();
    }

    @Test
    void mountClockModulesAndNamespacesAreRefused() throws Exception {
        String script = "echo x > /tmp/bogus.ko; probe mount /tmp; probe settime; probe load-module /tmp/bogus.ko;"
                + " for ns in mount net pid ipc uts cgroup; do probe unshare $ns; done";
        assertThat(probe(List.of(), script)).containsExactly("mount /tmp EPERM", "settime EPERM",
                "load-module /tmp/bogus.ko EPERM", "unshare mount EPERM", "unshare net EPERM", "unshare pid EPERM",
                "unshare ipc EPERM", "unshare uts EPERM", "unshare cgroup EPERM");

        // Controls: the capabilities lift the refusals (no clock control: it would set the host's clock).
        assertThat(probe(List.of("--cap-add", "sys_admin"), "probe mount /tmp; probe unshare mount"))
                .containsExactly("mount /tmp ok", "unshare mount ok");
        List<String> withModules = probe(List.of("--cap-add", "sys_module"),
                "echo x > /tmp/bogus.ko; probe load-module /tmp/bogus.ko");
        assertThat(withModules).singleElement().asString().as("the kernel reads the bogus file (or has no modules)")
                .matches("load-module /tmp/bogus.ko (ENOEXEC|ENOSYS|EBADMSG|EKEYREJECTED)");
    }

    /** A new user namespace has every capability, but over nothing the host owns. */
    @Test
    void aUserNamespaceGivesNoPowerOverTheHost() throws Exception {
        List<String> lines = probe(List.of(), "probe userns-then mount /tmp; probe userns-then settime;"
                + " probe userns-then sethostname");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("userns-then-mount /tmp (EPERM|unshare-EPERM|unshare-ENOSPC)");
        assertThat(lines.get(1)).matches("userns-then-settime (EPERM|unshare-EPERM|unshare-ENOSPC)");
        assertThat(lines.get(2)).matches("userns-then-sethostname (EPERM|unshare-EPERM|unshare-ENOSPC)");
    }

    @Test
    void ptraceReachesNoHostProcess() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "600").start();
        try {
            long pid = sleeper.pid();
            List<String> lines = probe(List.of(), "probe ptrace " + pid + "; sleep 600 & probe ptrace $!; kill $!");
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).as("the host's process is out of sight").isEqualTo("ptrace " + pid + " ESRCH");
            assertThat(lines.get(1)).as("the control: a process in the container").matches("ptrace \\d+ ok");
        } finally {
            sleeper.destroyForcibly();
            sleeper.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The container's root is the host's uid 0: without a user namespace it shares the host
     * root's user keyring. With containers-common's profile (which allows keyctl) it can list
     * that keyring and unlink the host's keys; Skiff's default refuses the keyring calls.
     */
    @Test
    void theHostRootsKeyringIsOutOfReach() throws Exception {
        String key = "skiff-it-" + UUID.randomUUID();
        assertThat(onHost("keyctl-add", key)).isEqualTo("keyctl-add " + key + " ok");
        try {
            assertThat(probe(List.of(), "probe keyctl-find " + key + "; probe keyctl-unlink " + key
                    + "; probe keyctl-add container-key")).containsExactly("keyctl-find " + key + " EPERM",
                    "keyctl-unlink " + key + " EPERM", "keyctl-add container-key EPERM");
            assertThat(onHost("keyctl-find", key)).isEqualTo("keyctl-find " + key + " ok");

            assertThat(SYSTEM_SECCOMP).as("containers-common (scripts/host-packages)").isRegularFile();
            assertThat(probe(List.of("--security-opt", "seccomp=" + SYSTEM_SECCOMP), "probe keyctl-find " + key
                    + "; probe keyctl-unlink " + key)).as("the control: the system profile as it is")
                    .containsExactly("keyctl-find " + key + " ok", "keyctl-unlink " + key + " ok");
            assertThat(onHost("keyctl-find", key)).isEqualTo("keyctl-find " + key + " ENOKEY");
        } finally {
            onHost("keyctl-unlink", key);
        }
    }

    /** Each masked path the host has reads as nothing: files are /dev/null, directories an empty tmpfs. */
    @Test
    void maskedPathsReadAsNothing() throws Exception {
        List<String> masked = existing(dryRunLinux().get("maskedPaths"));
        assertThat(masked).as("masked paths this host has, with content there")
                .contains("/proc/keys", "/proc/timer_list", "/sys/firmware");
        assertThat(Files.size(Path.of("/proc/keys")) + Files.readString(Path.of("/proc/keys")).length()).isPositive();
        try (var firmware = Files.list(Path.of("/sys/firmware"))) {
            assertThat(firmware.count()).isPositive();
        }

        StringBuilder script = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (String path : masked) {
            String count = Files.isDirectory(Path.of(path)) ? "ls -A " + path + " | wc -l" : "cat " + path + " | wc -c";
            script.append("echo \"").append(path).append(" $(").append(count).append(")\"; ");
            expected.add(path + " 0");
        }
        System.out.println("masked paths checked: " + masked);
        assertThat(probe(List.of(), script.toString())).containsExactlyElementsOf(expected);
    }

    /** The read-only paths are read-only mounts, and writes to files the host can write fail with EROFS. */
    @Test
    void readOnlyPathsRefuseWrites() throws Exception {
        List<String> readOnly = existing(dryRunLinux().get("readonlyPaths"));
        assertThat(readOnly).as("read-only paths this host has").contains("/proc/sys");
        List<String> targets = new ArrayList<>(List.of("/proc/sys/kernel/domainname"));
        for (String file : List.of("/proc/sysrq-trigger", "/proc/irq/default_smp_affinity")) {
            if (Files.exists(Path.of(file))) {
                targets.add(file);
            }
        }
        StringBuilder script = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (String target : targets) {
            script.append("probe write ").append(target).append("; ");
            expected.add("write " + target + " EROFS");
        }
        for (String path : readOnly) {
            script.append("echo \"").append(path).append(" $(awk '$5 == \"").append(path)
                    .append("\" { split($6, o, \",\"); print o[1] }' /proc/self/mountinfo)\"; ");
            expected.add(path + " ro");
        }
        System.out.println("read-only paths checked: " + readOnly + ", written: " + targets);
        assertThat(probe(List.of(), script.toString())).containsExactlyElementsOf(expected);
    }

    @Test
    void noNewPrivilegesKeepsASetuidBinaryFromGainingRoot() throws Exception {
        assertThat(probe(List.of("--user", "1000"), "probe-suid ids")).as("the control: setuid works without it")
                .containsExactly("ids ruid=1000 euid=0 suid=0");
        assertThat(probe(List.of("--user", "1000", "--security-opt", "no-new-privileges"), "probe-suid ids"))
                .containsExactly("ids ruid=1000 euid=1000 suid=1000");
    }

    /** Runs {@code script} in a default container (plus {@code flags}) and returns its output lines. */
    private List<String> probe(List<String> flags, String script) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("run", "--state-dir", stateDir.toString(),
                "--rootfs", rootfs.toString(), "--network", "none"));
        argv.addAll(flags);
        argv.addAll(List.of("sh", "-c", script));
        SkiffCommand.Result r = SkiffCommand.run(argv);
        assertThat(r.exitCode()).as("skiff %s: %s", flags, r.stderr()).isZero();
        return r.stdout().lines().toList();
    }

    private String onHost(String... probeArgs) {
        List<String> command = new ArrayList<>(List.of(hostProbe.toString()));
        command.addAll(Arrays.asList(probeArgs));
        return HostCommands.run(command.toArray(String[]::new)).strip();
    }

    /** {@code linux} of the config.json a default run gets. */
    private JsonNode dryRunLinux() throws Exception {
        SkiffCommand.Result r = SkiffCommand.run(List.of("run", "--dry-run", "--state-dir", stateDir.toString(),
                "--rootfs", rootfs.toString(), "--network", "none", "true"));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return JsonDiff.parse(r.stdout(), "config.json").get("linux");
    }

    private static List<String> existing(JsonNode paths) {
        List<String> found = new ArrayList<>();
        paths.forEach(p -> {
            if (Files.exists(Path.of(p.asText()))) {
                found.add(p.asText());
            }
        });
        return found;
    }
}
