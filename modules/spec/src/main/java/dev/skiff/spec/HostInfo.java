package dev.skiff.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the generator needs to know about the host, read once from {@code /proc} and friends by
 * {@link #system()}, or written out by a test or by a caller that wants a reproducible spec.
 *
 * @param boundingSet this process's capability bounding set ({@code CapBnd}): what {@code ALL} adds
 * @param uidMap this process's {@code /proc/self/uid_map}: the "host's own" mapping
 * @param gidMap this process's {@code /proc/self/gid_map}
 * @param seccompArch the native architecture in libseccomp's short names ({@code amd64},
 *     {@code arm64}, ...), which seccomp profiles' {@code includes.arches} use
 * @param kernel the running kernel, for seccomp profiles' {@code minKernel}
 * @param defaultNproc {@code RLIMIT_NPROC} for a run that sets none: the kernel's {@code pid_max}
 *     when this process may set it (containers/common's default ulimit), else empty
 * @param cgroup2 the unified cgroup hierarchy is mounted: containers then get a cgroup namespace
 * @param sysctls the names among {@link SpecGenerator#NETWORK_SYSCTLS} this kernel has
 * @param maskedPaths the default masked paths plus this host's thermal_throttle directories
 * @param seccompProfile the system's default seccomp profile, if one is installed
 * @param rootless what an unprivileged caller may map and use; null when running as root
 */
public record HostInfo(
        Set<Capability> boundingSet,
        List<IdMapping> uidMap,
        List<IdMapping> gidMap,
        String seccompArch,
        KernelVersion kernel,
        OptionalLong defaultNproc,
        boolean cgroup2,
        Set<String> sysctls,
        List<String> maskedPaths,
        Optional<Path> seccompProfile,
        RootlessHost rootless) {

    /** containers-common's profile locations, the administrator's override first. */
    public static final List<Path> SECCOMP_PROFILES =
            List.of(Path.of("/etc/containers/seccomp.json"), Path.of("/usr/share/containers/seccomp.json"));

    private static final Path PROC = Path.of("/proc");

    /** Java's {@code os.arch} to libseccomp's names (which Go's GOARCH mostly shares). */
    private static final Map<String, String> ARCHES = Map.ofEntries(
            Map.entry("amd64", "amd64"), Map.entry("x86_64", "amd64"), Map.entry("x86", "x86"),
            Map.entry("i386", "x86"), Map.entry("i686", "x86"), Map.entry("aarch64", "arm64"),
            Map.entry("arm", "arm"), Map.entry("ppc64le", "ppc64le"), Map.entry("ppc64", "ppc64"),
            Map.entry("s390x", "s390x"), Map.entry("riscv64", "riscv64"), Map.entry("mips64", "mips64"),
            Map.entry("mips64el", "mipsel64"), Map.entry("loongarch64", "loong64"));

    public HostInfo {
        boundingSet = Set.copyOf(boundingSet);
        uidMap = List.copyOf(uidMap);
        gidMap = List.copyOf(gidMap);
        sysctls = Set.copyOf(sysctls);
        maskedPaths = List.copyOf(maskedPaths);
    }

    /** A host where Skiff runs as root. */
    public HostInfo(Set<Capability> boundingSet, List<IdMapping> uidMap, List<IdMapping> gidMap, String seccompArch,
            KernelVersion kernel, OptionalLong defaultNproc, boolean cgroup2, Set<String> sysctls,
            List<String> maskedPaths, Optional<Path> seccompProfile) {
        this(boundingSet, uidMap, gidMap, seccompArch, kernel, defaultNproc, cgroup2, sysctls, maskedPaths,
                seccompProfile, null);
    }

    /** The same host as seen by an unprivileged user ({@code null}: as root). */
    public HostInfo withRootless(RootlessHost value) {
        return new HostInfo(boundingSet, uidMap, gidMap, seccompArch, kernel, defaultNproc, cgroup2, sysctls,
                maskedPaths, seccompProfile, value);
    }

    /** Skiff runs as an ordinary user: a user namespace is required and runc runs rootless. */
    public boolean isRootless() {
        return rootless != null;
    }

    /** This machine, as this process sees it. */
    public static HostInfo system() {
        return new HostInfo(
                parseBoundingSet(read(PROC.resolve("self/status"))),
                IdMaps.readProcMap(PROC.resolve("self/uid_map")),
                IdMaps.readProcMap(PROC.resolve("self/gid_map")),
                seccompArch(System.getProperty("os.arch")),
                KernelVersion.parse(read(PROC.resolve("sys/kernel/osrelease"))),
                defaultNproc(read(PROC.resolve("sys/kernel/pid_max")), read(PROC.resolve("self/limits"))),
                Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")),
                existingSysctls(PROC.resolve("sys")),
                SpecDefaults.hostMaskedPaths(Path.of("/")),
                SECCOMP_PROFILES.stream().filter(Files::isRegularFile).findFirst(),
                rootless(read(PROC.resolve("self/status"))));
    }

    /** From the effective IDs of a {@code /proc/PID/status} text: null for root. */
    private static RootlessHost rootless(String status) {
        long euid = statusId(status, "Uid:");
        return euid == 0 ? null : RootlessHost.system(euid, statusId(status, "Gid:"));
    }

    /** The effective ID: the second of the four on a {@code Uid:} or {@code Gid:} line. */
    static long statusId(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[1]);
            }
        }
        throw new SpecException("process status", field, "no such line in /proc/self/status");
    }

    /** The capabilities named by the {@code CapBnd:} line of a {@code /proc/PID/status} text. */
    static Set<Capability> parseBoundingSet(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("CapBnd:")) {
                String hex = line.substring("CapBnd:".length()).trim();
                long bits = Long.parseUnsignedLong(hex, 16);
                Set<Capability> set = EnumSet.noneOf(Capability.class);
                // Bits above the last capability this build knows cannot be named in a spec; skip them.
                for (Capability capability : Capability.values()) {
                    if ((bits & (1L << capability.number())) != 0) {
                        set.add(capability);
                    }
                }
                return set;
            }
        }
        throw new SpecException("process status", "CapBnd", "no such line in /proc/self/status");
    }

    /**
     * containers/common sets {@code nproc} to {@code pid_max} when the process may raise its limit
     * that far; without CAP_SYS_RESOURCE that means when the hard limit already allows it.
     */
    static OptionalLong defaultNproc(String pidMax, String limits) {
        long max = Long.parseLong(pidMax.trim());
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max processes")) {
                String[] f = line.substring("Max processes".length()).trim().split("\\s+");
                boolean fits = f[1].equals("unlimited") || Long.parseLong(f[1]) >= max;
                return fits ? OptionalLong.of(max) : OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    static String seccompArch(String osArch) {
        String arch = ARCHES.get(osArch.toLowerCase(Locale.ROOT));
        return arch != null ? arch : osArch;
    }

    private static Set<String> existingSysctls(Path procSys) {
        List<String> found = new ArrayList<>();
        for (String name : SpecGenerator.NETWORK_SYSCTLS.keySet()) {
            if (Files.exists(procSys.resolve(name.replace('.', '/')))) {
                found.add(name);
            }
        }
        return Set.copyOf(found);
    }

    private static String read(Path file) {
        return ProcFiles.read(file, "host file");
    }
}
