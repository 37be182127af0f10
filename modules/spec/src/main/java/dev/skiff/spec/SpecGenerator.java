package dev.skiff.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds a run's {@code config.json} as buildah's {@code Run} does: {@link SpecDefaults} (the
 * runtime-tools defaults), then the options, step by step in the seed's order. Capabilities come
 * before seccomp because a profile's rules depend on them. Differences from buildah are listed in
 * this module's README.
 *
 * <pre>{@code
 * SpecOptions options = SpecOptions.builder().rootfs(rootfs).args("sh", "-c", "id").capDrop("ALL").build();
 * Spec spec = SpecGenerator.generate(options);
 * NetworkPlan network = SpecGenerator.network(options);
 * }</pre>
 */
public final class SpecGenerator {
    /**
     * Set in a container whose new network namespace Skiff configures, when the kernel has them
     * (buildah's {@code DefaultNetworkSysctl}): unprivileged ICMP sockets for {@code ping}.
     */
    public static final Map<String, String> NETWORK_SYSCTLS = Map.of("net.ipv4.ping_group_range", "0 0");

    /** buildah names a container's host after its ID's first 12 characters. */
    private static final int SHORT_ID = 12;

    /**
     * Refused by the default seccomp filter. Keyrings belong to a user namespace, so a container
     * without its own shares its uids' keyrings with the host: with keyctl, which the
     * containers-common profile allows, its root lists and unlinks the keys of the host root's
     * user keyring. Skiff's bundled profile and docker's refuse all three.
     */
    public static final List<String> KEYRING_CALLS = List.of("add_key", "keyctl", "request_key");

    private static final int EPERM = 1;

    private static final Pattern NUMERIC_USER = Pattern.compile("(\\d+)(?::(\\d+))?");

    private SpecGenerator() {}

    /** For this host ({@link HostInfo#system()}). */
    public static Spec generate(SpecOptions options) {
        return generate(options, HostInfo.system());
    }

    /**
     * @throws SpecException when the options contradict each other (host PID with a user
     *     namespace, no command, a user name nobody resolved) or a seccomp profile is bad
     */
    public static Spec generate(SpecOptions options, HostInfo host) {
        if (options.args().isEmpty()) {
            throw new SpecException("a command is required");
        }
        Spec defaults = SpecDefaults.generate();
        NamespacePlan namespaces = NamespacePlan.of(options, host);
        String hostname = namespaces.configureUts() ? hostname(options) : null;
        ProcessSpec process = process(defaults.process(), options, host, hostname);
        Linux linux = linux(defaults.linux(), options, host, namespaces, process.capabilities().bounding());
        if (host.isRootless()) {
            process = process.withUser(UserNamespaces.rootlessUser(process.user()));
            linux = UserNamespaces.rootlessCgroups(linux, host.rootless());
        }
        UserNamespaces.checkMapped(process.user(), namespaces.uidMappings(), namespaces.gidMappings());
        Spec spec = defaults.withHostname(hostname).withProcess(process).withLinux(linux)
                .withMounts(UserNamespaces.mountsFor(defaults.mounts(), namespaces.uidMappings(),
                        namespaces.gidMappings()));
        return options.rootfs() != null ? spec.withRootPath(options.rootfs()) : spec;
    }

    /** The network half of the namespace decisions, for this host. */
    public static NetworkPlan network(SpecOptions options) {
        return network(options, HostInfo.system());
    }

    public static NetworkPlan network(SpecOptions options, HostInfo host) {
        return NamespacePlan.of(options, host).network();
    }

    private static ProcessSpec process(ProcessSpec defaults, SpecOptions options, HostInfo host, String hostname) {
        User user = user(options);
        List<String> caps = CapabilitySets.compute(options.defaultCapabilities(),
                List.of(options.builderCapabilities(), options.runCapabilities()), host.boundingSet());
        ProcessSpec process = defaults
                .withArgs(options.args())
                .withEnv(env(options, hostname))
                .withCwd(cwd(options))
                .withUser(user)
                .withTerminal(options.terminal())
                .withConsoleSize(options.terminal() ? options.consoleSize() : null)
                .withCapabilities(user.uid() == 0 ? CapabilitySets.forRoot(caps) : CapabilitySets.forNonRoot(caps))
                .withApparmorProfile(emptyToNull(options.apparmorProfile()))
                .withNoNewPrivileges(options.noNewPrivileges());
        // containers/common's default nproc, then the run's ulimits, each replacing by type.
        if (host.defaultNproc().isPresent()) {
            long nproc = host.defaultNproc().getAsLong();
            process = process.withRlimit(new Ulimit("nproc", nproc, nproc).toRlimit());
        }
        for (Ulimit ulimit : options.ulimits()) {
            process = process.withRlimit(ulimit.toRlimit());
        }
        return process;
    }

    private static Linux linux(Linux defaults, SpecOptions options, HostInfo host, NamespacePlan namespaces,
            List<String> bounding) {
        Linux linux = defaults
                .withNamespaces(namespaces.namespaces())
                .withUidMappings(namespaces.uidMappings())
                .withGidMappings(namespaces.gidMappings())
                .withResources(resources(defaults.resources(), options.resources()))
                .withCgroupsPath(options.resources().cgroupParent())
                .withSeccomp(seccomp(options.seccomp(), host, bounding))
                .withMaskedPaths(union(host.maskedPaths(), options.maskedPaths()))
                .withReadonlyPaths(union(SpecDefaults.READONLY_PATHS, options.readonlyPaths()));
        if (namespaces.configureNetwork()) {
            Map<String, String> sysctl = new LinkedHashMap<>();
            NETWORK_SYSCTLS.forEach((name, value) -> {
                if (host.sysctls().contains(name)) {
                    sysctl.put(name, value);
                }
            });
            linux = linux.withSysctl(sysctl);
        }
        return linux;
    }

    /**
     * containers/common's default env, then the image's, then the run's, a later entry replacing
     * an earlier one of the same name in place (buildah's {@code MergeEnv}); entries without
     * {@code =} are dropped, as buildah drops them. {@code HOSTNAME} is added unless set.
     */
    static List<String> env(SpecOptions options, String hostname) {
        Map<String, String> merged = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(SpecDefaults.RUN_ENV);
        all.addAll(options.imageConfig().env());
        all.addAll(options.env());
        for (String entry : all) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                merged.put(entry.substring(0, eq), entry);
            }
        }
        merged.putIfAbsent("HOSTNAME", "HOSTNAME=" + (hostname == null ? "" : hostname));
        return List.copyOf(merged.values());
    }

    private static String cwd(SpecOptions options) {
        if (options.cwd() != null && !options.cwd().isEmpty()) {
            return options.cwd();
        }
        String image = options.imageConfig().workingDir();
        return image != null && !image.isEmpty() ? image : "/";
    }

    private static String hostname(SpecOptions options) {
        if (options.hostname() != null && !options.hostname().isEmpty()) {
            return options.hostname();
        }
        String id = options.containerId();
        return id == null || id.isEmpty() ? null : id.substring(0, Math.min(SHORT_ID, id.length()));
    }

    /**
     * The resolved user, else a numeric {@code uid[:gid]} (a uid alone gets gid 0, as buildah gives
     * it when the rootfs has no passwd entry), else root. The primary group is the first of the
     * additional groups, each group once, as today's buildah sets them.
     */
    static User user(SpecOptions options) {
        User user = options.user();
        if (user == null) {
            user = numericUser(options.effectiveUserSpec().orElse("0"));
        }
        LinkedHashSet<Long> groups = new LinkedHashSet<>();
        groups.add(user.gid());
        groups.addAll(user.additionalGids());
        return user.withAdditionalGids(List.copyOf(groups));
    }

    private static User numericUser(String spec) {
        var m = NUMERIC_USER.matcher(spec);
        if (!m.matches()) {
            throw new SpecException("user", spec, "names must be resolved in the rootfs first; only a numeric uid[:gid] is taken as it is");
        }
        try {
            return User.of(Long.parseLong(m.group(1)), m.group(2) == null ? 0 : Long.parseLong(m.group(2)));
        } catch (IllegalArgumentException e) {
            throw new SpecException("user", spec, "IDs go from 0 to 4294967295", e);
        }
    }

    /** A zero, as in buildah, leaves a setting out. */
    private static Resources resources(Resources defaults, ResourceLimits limits) {
        Memory memory = Memory.EMPTY.withLimit(nonZero(limits.memory())).withSwap(nonZero(limits.memorySwap()));
        Cpu cpu = Cpu.EMPTY.withShares(nonZero(limits.cpuShares()))
                .withQuota(nonZero(limits.cpuQuota()))
                .withPeriod(nonZero(limits.cpuPeriod()))
                .withCpus(emptyToNull(limits.cpusetCpus()))
                .withMems(emptyToNull(limits.cpusetMems()));
        return defaults.withMemory(memory.equals(Memory.EMPTY) ? null : memory).withCpu(cpu.equals(Cpu.EMPTY) ? null : cpu);
    }

    private static Seccomp seccomp(SeccompOption option, HostInfo host, List<String> bounding) {
        SeccompProfile profile = switch (option) {
            case SeccompOption.Unconfined _ -> null;
            case SeccompOption.Default _ -> SeccompProfile.systemDefault(host).refusing(KEYRING_CALLS, EPERM);
            case SeccompOption.Profile(var path) -> SeccompProfile.read(path);
        };
        return profile == null ? null : profile.toOci(bounding, host.seccompArch(), host.kernel());
    }

    private static List<String> union(List<String> first, List<String> second) {
        LinkedHashSet<String> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    private static Long nonZero(Long value) {
        return value == null || value == 0 ? null : value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
