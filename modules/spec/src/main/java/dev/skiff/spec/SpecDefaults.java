package dev.skiff.spec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The spec buildah starts every run from: runtime-tools' {@code generate.New("linux")} (as
 * vendored by buildah, unchanged in this part since runtime-tools 0.8, 2018) plus the masked
 * and read-only paths buildah adds to every run. Differences from {@code generate.New}:
 * <ul>
 *   <li>{@code capabilities.inheritable} is empty: filling it was CVE-2022-27651, and today's
 *       buildah leaves it empty;</li>
 *   <li>no {@code linux.seccomp}: buildah always replaces runtime-tools' profile with the
 *       chosen one (the default profile, {@code unconfined}, or a file), so it is set later;</li>
 *   <li>{@code linux.maskedPaths} and {@code linux.readonlyPaths} are today's buildah lists
 *       (containers/common {@code pkg/config}: {@code DefaultMaskedPaths()},
 *       {@code DefaultReadOnlyPaths}); runtime-tools sets none.</li>
 * </ul>
 * There is no {@code /sys/fs/cgroup} mount: buildah adds that one while planning mounts.
 */
public final class SpecDefaults {
    public static final String HOSTNAME = "mrsdalloway";

    public static final String ROOT_PATH = "rootfs";

    public static final List<String> ENV = List.of(
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "TERM=xterm");

    /** runtime-tools' default capability set, in its order. */
    public static final List<String> CAPABILITIES = List.of(
            "CAP_CHOWN",
            "CAP_DAC_OVERRIDE",
            "CAP_FSETID",
            "CAP_FOWNER",
            "CAP_MKNOD",
            "CAP_NET_RAW",
            "CAP_SETGID",
            "CAP_SETUID",
            "CAP_SETFCAP",
            "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE",
            "CAP_SYS_CHROOT",
            "CAP_KILL",
            "CAP_AUDIT_WRITE");

    /**
     * The set a run's capabilities start from: containers/common's default (what buildah reads
     * from containers.conf's {@code default_capabilities}, and the list installed here). Smaller
     * than {@link #CAPABILITIES}: no CAP_AUDIT_WRITE, CAP_MKNOD or CAP_NET_RAW.
     */
    public static final List<String> RUN_CAPABILITIES = List.of(
            "CAP_CHOWN",
            "CAP_DAC_OVERRIDE",
            "CAP_FOWNER",
            "CAP_FSETID",
            "CAP_KILL",
            "CAP_NET_BIND_SERVICE",
            "CAP_SETFCAP",
            "CAP_SETGID",
            "CAP_SETPCAP",
            "CAP_SETUID",
            "CAP_SYS_CHROOT");

    /** containers/common's default environment (buildah's starting point; the image's Env follows). */
    public static final List<String> RUN_ENV = List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");

    public static final List<Mount> MOUNTS = List.of(
            Mount.of("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
            Mount.of("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
            Mount.of("/dev/pts", "devpts", "devpts",
                    List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
            Mount.of("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
            Mount.of("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
            Mount.of("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")));

    /** runtime-tools' order: pid, network, ipc, uts, mount. */
    public static final List<Namespace> NAMESPACES = List.of(
            Namespace.of(NamespaceType.PID),
            Namespace.of(NamespaceType.NETWORK),
            Namespace.of(NamespaceType.IPC),
            Namespace.of(NamespaceType.UTS),
            Namespace.of(NamespaceType.MOUNT));

    /**
     * Today's buildah list (containers/common {@code DefaultMaskedPaths()}, fixed part, in its
     * order). Newer than the seed's: adds powercap, selinuxfs and /proc/interrupts.
     */
    public static final List<String> MASKED_PATHS = List.of(
            "/proc/acpi",
            "/proc/kcore",
            "/proc/keys",
            "/proc/latency_stats",
            "/proc/sched_debug",
            "/proc/scsi",
            "/proc/timer_list",
            "/proc/timer_stats",
            "/sys/devices/virtual/powercap",
            "/sys/firmware",
            "/sys/fs/selinux",
            "/proc/interrupts");

    /** containers/common {@code DefaultReadOnlyPaths}. */
    public static final List<String> READONLY_PATHS = List.of(
            "/proc/asound",
            "/proc/bus",
            "/proc/fs",
            "/proc/irq",
            "/proc/sys",
            "/proc/sysrq-trigger");

    private static final Path CPU_DIR = Path.of("sys/devices/system/cpu");

    private SpecDefaults() {}

    /** The defaults; the same value on every host (see {@link #hostMaskedPaths(Path)}). */
    public static Spec generate() {
        ProcessSpec process = new ProcessSpec(
                false,
                null,
                User.ROOT,
                List.of("sh"),
                ENV,
                "/",
                // Ambient as runtime-tools fills it. With inheritable empty the kernel refuses to raise
                // them (runc 1.1 ignores that), and buildah since 2024 sets no ambient at all.
                new Capabilities(CAPABILITIES, CAPABILITIES, List.of(), CAPABILITIES, CAPABILITIES),
                List.of(new Rlimit("RLIMIT_NOFILE", 1024, 1024)),
                false,
                null,
                null,
                null,
                null);
        Linux linux = Linux.EMPTY
                .withResources(Resources.EMPTY.withDevices(List.of(DeviceCgroup.DENY_ALL)))
                .withNamespaces(NAMESPACES)
                .withMaskedPaths(MASKED_PATHS)
                .withReadonlyPaths(READONLY_PATHS);
        return new Spec(Spec.OCI_VERSION, process, Root.of(ROOT_PATH), HOSTNAME, null, MOUNTS, null, null, linux, null);
    }

    /**
     * {@link #MASKED_PATHS} plus what buildah's one glob,
     * {@code /sys/devices/system/cpu/cpu*}{@code /thermal_throttle}, matches under
     * {@code hostRoot} (normally {@code /}), sorted as Go's filepath.Glob sorts them. Like Glob,
     * an unreadable directory just matches nothing.
     */
    public static List<String> hostMaskedPaths(Path hostRoot) {
        List<String> matches = new ArrayList<>();
        try (DirectoryStream<Path> cpus = Files.newDirectoryStream(hostRoot.resolve(CPU_DIR), "cpu*")) {
            for (Path cpu : cpus) {
                if (Files.exists(cpu.resolve("thermal_throttle"))) {
                    matches.add("/" + CPU_DIR.resolve(cpu.getFileName().toString()).resolve("thermal_throttle"));
                }
            }
        } catch (IOException e) {
            matches.clear();
        }
        matches.sort(null);
        List<String> paths = new ArrayList<>(MASKED_PATHS);
        paths.addAll(matches);
        return List.copyOf(paths);
    }
}
