package dev.skiff.cli;

import dev.skiff.spec.ByteSizes;
import dev.skiff.spec.IdMaps;
import dev.skiff.spec.ImageConfig;
import dev.skiff.spec.NamespaceOption;
import dev.skiff.spec.NamespaceType;
import dev.skiff.spec.ResourceLimits;
import dev.skiff.spec.SeccompOption;
import dev.skiff.spec.SeccompProfile;
import dev.skiff.spec.SpecException;
import dev.skiff.spec.SpecOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The {@code skiff run} flags that shape the OCI spec (issue 3), parsed into a
 * {@link SpecOptions.Builder}. Every value is checked here, files included (a seccomp profile,
 * an image config, a namespace path), so that a bad one fails before anything is created, with
 * one line naming the flag and the value.
 */
final class SpecFlags {
    static final String USAGE = """
              --cap-add CAP[,CAP...]      add capabilities (any case, CAP_ optional; ALL: the host's bounding set)
              --cap-drop CAP[,CAP...]     drop capabilities (ALL: every one)
              -u, --user USER[:GROUP]     the user to run as (names are looked up in the rootfs)
              --ulimit NAME=SOFT[:HARD]   a resource limit (nofile, nproc, core, ...; -1 or unlimited)
              -m, --memory SIZE           memory limit (512m, 1g, 100k, bytes)
              --memory-swap SIZE          memory plus swap limit; -1 for unlimited swap
              --cpu-period USEC           CFS period
              --cpu-quota USEC            CFS quota per period (-1: none)
              --cpu-shares N              relative CPU weight
              --cpuset-cpus LIST          CPUs to run on (0-3,7)
              --cpuset-mems LIST          memory nodes to use
              --cgroup-parent PATH        the cgroup to create the container's under
              --security-opt OPT          seccomp=PATH|unconfined, apparmor=PROFILE, no-new-privileges
              --pid, --ipc, --uts MODE    host, private, or ns:PATH of a namespace to join
              --cgroupns MODE             host or private (default: private on cgroup v2 only)
              --net, --network MODE       host, private, none, ns:PATH, or CNI network names (a,b)
              --userns MODE               private (default for an ordinary user), host (root's default), or ns:PATH
              --uidmap, --gidmap C:H:N    map container IDs C.. to host IDs H.. (N of them); repeatable. For an
                                          ordinary user H counts in its own ID space: 0 is its uid, 1.. its
                                          /etc/subuid (/etc/subgid) IDs; by default it maps all of that space
              --image-config FILE         an OCI image config: its Env, WorkingDir, User, Volumes as defaults
            """;

    private SpecFlags() {}

    /**
     * Applies {@code flag} to {@code b}, taking its value from {@code args}.
     *
     * @return false when {@code flag} is not one of these (nothing is consumed then)
     * @throws UsageException for a bad value: {@code flag --ulimit `nofile=abc`: soft limit `abc` is not a number}
     */
    static boolean accept(String flag, Args args, SpecOptions.Builder b) throws UsageException {
        if (!takesValue(flag)) {
            return false;
        }
        String value = args.value();
        try {
            apply(flag, value, b);
        } catch (SpecException e) {
            // The value the problem is about may be one item of the flag's value (a list); then say which.
            String problem = value.equals(e.value()) ? e.problem() : e.getMessage();
            throw bad(flag, value, problem);
        } catch (RuntimeException e) {
            throw bad(flag, value, String.valueOf(e.getMessage()));
        }
        return true;
    }

    /** {@code b.build()}, with contradictions between flags (swap below memory) as a usage error. */
    static SpecOptions build(SpecOptions.Builder b) throws UsageException {
        try {
            return b.build();
        } catch (SpecException e) {
            throw new UsageException("run: " + e.getMessage());
        }
    }

    private static boolean takesValue(String flag) {
        return switch (flag) {
            case "--cap-add", "--cap-drop", "-u", "--user", "--ulimit", "-m", "--memory", "--memory-swap",
                 "--cpu-period", "--cpu-quota", "--cpu-shares", "--cpuset-cpus", "--cpuset-mems", "--cgroup-parent",
                 "--security-opt", "--pid", "--ipc", "--uts", "--userns", "--cgroupns", "--net", "--network",
                 "--uidmap", "--gidmap",
                 "--image-config" -> true;
            default -> false;
        };
    }

    private static void apply(String flag, String value, SpecOptions.Builder b) throws UsageException {
        switch (flag) {
            case "--cap-add" -> b.capAdd(items(flag, value));
            case "--cap-drop" -> b.capDrop(items(flag, value));
            case "-u", "--user" -> b.userSpec(nonEmpty(flag, value));
            case "--ulimit" -> b.ulimit(value);
            case "-m", "--memory" -> b.memory(ByteSizes.parse(flag, value));
            case "--memory-swap" -> b.memorySwap(value.equals("-1") ? -1 : ByteSizes.parse(flag, value));
            case "--cpu-period" -> b.cpuPeriod(number(flag, value, 0));
            case "--cpu-quota" -> b.cpuQuota(number(flag, value, -1));
            case "--cpu-shares" -> b.cpuShares(number(flag, value, 0));
            case "--cpuset-cpus" -> b.cpusetCpus(ResourceLimits.checkList(flag, nonEmpty(flag, value)));
            case "--cpuset-mems" -> b.cpusetMems(ResourceLimits.checkList(flag, nonEmpty(flag, value)));
            case "--cgroup-parent" -> b.cgroupParent(nonEmpty(flag, value));
            case "--security-opt" -> securityOpt(flag, value, b);
            case "--pid" -> namespace(flag, NamespaceType.PID, value, b);
            case "--ipc" -> namespace(flag, NamespaceType.IPC, value, b);
            case "--uts" -> namespace(flag, NamespaceType.UTS, value, b);
            case "--userns" -> namespace(flag, NamespaceType.USER, value, b);
            case "--cgroupns" -> namespace(flag, NamespaceType.CGROUP, value, b);
            case "--net", "--network" -> namespace(flag, NamespaceType.NETWORK, value, b);
            case "--uidmap" -> b.uidMap(IdMaps.parse(flag, value));
            case "--gidmap" -> b.gidMap(IdMaps.parse(flag, value));
            case "--image-config" -> b.imageConfig(ImageConfig.read(Path.of(nonEmpty(flag, value))));
            default -> throw new IllegalStateException("flag " + flag + " has no handler");
        }
    }

    /** buildah's option names; SELinux labels and the rest are not supported. */
    private static void securityOpt(String flag, String value, SpecOptions.Builder b) throws UsageException {
        int eq = value.indexOf('=');
        String name = eq < 0 ? value : value.substring(0, eq);
        String arg = eq < 0 ? null : value.substring(eq + 1);
        switch (name) {
            case "seccomp" -> b.seccomp(seccomp(flag, value, arg));
            case "apparmor" -> b.apparmorProfile(nonEmptyArg(flag, value, arg, "a profile name"));
            case "no-new-privileges" -> b.noNewPrivileges(arg == null || bool(flag, value, arg));
            default -> throw bad(flag, value, "unknown option (expected seccomp=PATH|unconfined, apparmor=PROFILE or no-new-privileges)");
        }
    }

    /** A profile is read now, so a missing or malformed file fails before the run. */
    private static SeccompOption seccomp(String flag, String value, String arg) throws UsageException {
        SeccompOption option = SeccompOption.parse(nonEmptyArg(flag, value, arg, "unconfined or a profile path"));
        if (option instanceof SeccompOption.Profile(Path path)) {
            SeccompProfile.read(path);
        }
        return option;
    }

    /** A namespace to join must exist now; buildah checks that too. */
    private static void namespace(String flag, NamespaceType type, String value, SpecOptions.Builder b)
            throws UsageException {
        if (!(type == NamespaceType.NETWORK && value.equals("none"))) {
            NamespaceOption option = NamespaceOption.parse(type, value);
            if (option.joins() && !Files.exists(Path.of(option.path()))) {
                throw bad(flag, value, "no such namespace file `" + option.path() + "`");
            }
        }
        b.namespace(type, value);
    }

    private static String[] items(String flag, String value) throws UsageException {
        String[] items = value.split(",", -1);
        if (Arrays.stream(items).anyMatch(String::isBlank)) {
            throw bad(flag, value, "empty name in the list");
        }
        return items;
    }

    private static long number(String flag, String value, long min) throws UsageException {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw bad(flag, value, "not a number");
        }
        if (n < min) {
            throw bad(flag, value, min == 0 ? "must not be negative" : "must be -1 (none) or more");
        }
        return n;
    }

    private static boolean bool(String flag, String value, String arg) throws UsageException {
        return switch (arg) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(flag, value, "expected true or false after `=`");
        };
    }

    private static String nonEmpty(String flag, String value) throws UsageException {
        if (value.isEmpty()) {
            throw bad(flag, value, "empty value");
        }
        return value;
    }

    private static String nonEmptyArg(String flag, String value, String arg, String expected) throws UsageException {
        if (arg == null || arg.isEmpty()) {
            throw bad(flag, value, "expected " + expected + " after `=`");
        }
        return arg;
    }

    private static UsageException bad(String flag, String value, String problem) {
        return new UsageException("flag " + flag + " `" + value + "`: " + problem);
    }
}
