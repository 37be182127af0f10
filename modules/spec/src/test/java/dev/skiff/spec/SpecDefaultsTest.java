package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecDefaultsTest {
    private final Spec spec = SpecDefaults.generate();

    @Test
    void processIsRuntimeToolsDefault() {
        ProcessSpec process = spec.process();

        assertThat(process.terminal()).isFalse();
        assertThat(process.user()).isEqualTo(User.of(0, 0));
        assertThat(process.args()).containsExactly("sh");
        assertThat(process.env()).containsExactly(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm");
        assertThat(process.cwd()).isEqualTo("/");
        assertThat(process.rlimits()).containsExactly(new Rlimit("RLIMIT_NOFILE", 1024, 1024));
        assertThat(process.noNewPrivileges()).isFalse();
    }

    @Test
    void capabilitiesFillFourSetsAndLeaveInheritableEmpty() {
        List<String> expected = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD",
                "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
                "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
        Capabilities caps = spec.process().capabilities();

        assertThat(caps.bounding()).isEqualTo(expected);
        assertThat(caps.effective()).isEqualTo(expected);
        assertThat(caps.permitted()).isEqualTo(expected);
        assertThat(caps.ambient()).isEqualTo(expected);
        assertThat(caps.inheritable()).as("CVE-2022-27651").isEmpty();
        assertThat(expected).allSatisfy(name -> assertThat(Capability.parse(name).name()).isEqualTo(name));
    }

    @Test
    void rootHostnameAndNamespaces() {
        assertThat(spec.ociVersion()).isEqualTo("1.0.2-dev");
        assertThat(spec.root()).isEqualTo(new Root("rootfs", false));
        assertThat(spec.hostname()).isEqualTo("mrsdalloway");
        assertThat(spec.linux().namespaces()).extracting(Namespace::type).containsExactly(
                NamespaceType.PID, NamespaceType.NETWORK, NamespaceType.IPC, NamespaceType.UTS, NamespaceType.MOUNT);
        assertThat(spec.linux().namespaces()).allSatisfy(namespace -> assertThat(namespace.path()).isNull());
        assertThat(spec.linux().resources().devices()).containsExactly(new DeviceCgroup(false, null, null, null, "rwm"));
        assertThat(spec.linux().seccomp()).as("chosen per run, as buildah does").isNull();
    }

    @Test
    void mountsInRuntimeToolsOrder() {
        assertThat(spec.mounts()).extracting(Mount::destination)
                .containsExactly("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys");
        assertThat(spec.mounts()).extracting(Mount::type)
                .containsExactly("proc", "tmpfs", "devpts", "tmpfs", "mqueue", "sysfs");
        assertThat(spec.mounts().get(0).options()).containsExactly("nosuid", "noexec", "nodev");
        assertThat(spec.mounts().get(1).options()).containsExactly("nosuid", "strictatime", "mode=755", "size=65536k");
        assertThat(spec.mounts().get(2).options())
                .containsExactly("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5");
        assertThat(spec.mounts().get(3).source()).isEqualTo("shm");
        assertThat(spec.mounts().get(5).options()).containsExactly("nosuid", "noexec", "nodev", "ro");
    }

    @Test
    void maskedAndReadonlyPathsAreTodaysBuildahLists() {
        assertThat(spec.linux().maskedPaths()).containsExactly("/proc/acpi", "/proc/kcore", "/proc/keys",
                "/proc/latency_stats", "/proc/sched_debug", "/proc/scsi", "/proc/timer_list", "/proc/timer_stats",
                "/sys/devices/virtual/powercap", "/sys/firmware", "/sys/fs/selinux", "/proc/interrupts");
        assertThat(spec.linux().readonlyPaths()).containsExactly(
                "/proc/asound", "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");
    }

    /** The whole value, as JSON: omitted falses (terminal, readonly), kept {@code "allow": false}. */
    @Test
    void jsonIsTheGoldenFile() {
        assertThat(spec.toJson()).isEqualTo(Fixtures.text("defaults.json"));
    }

    @Test
    void generateIsTheSameEveryTime() {
        assertThat(SpecDefaults.generate()).isEqualTo(spec);
    }

    @Test
    void hostMaskedPathsAddThermalThrottleDirectories(@TempDir Path host) throws IOException {
        for (String cpu : List.of("cpu10", "cpu2", "cpufreq", "cpu0")) {
            Files.createDirectories(host.resolve("sys/devices/system/cpu").resolve(cpu));
        }
        for (String cpu : List.of("cpu10", "cpu2", "cpu0")) {
            Files.createDirectory(host.resolve("sys/devices/system/cpu").resolve(cpu).resolve("thermal_throttle"));
        }

        assertThat(SpecDefaults.hostMaskedPaths(host))
                .startsWith(SpecDefaults.MASKED_PATHS.toArray(String[]::new))
                .endsWith("/sys/devices/system/cpu/cpu0/thermal_throttle",
                        "/sys/devices/system/cpu/cpu10/thermal_throttle",
                        "/sys/devices/system/cpu/cpu2/thermal_throttle")
                .hasSize(SpecDefaults.MASKED_PATHS.size() + 3);
        assertThat(SpecDefaults.hostMaskedPaths(host.resolve("nothing-here"))).isEqualTo(SpecDefaults.MASKED_PATHS);
    }
}
