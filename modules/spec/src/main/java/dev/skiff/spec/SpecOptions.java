package dev.skiff.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything that shapes a run's {@code config.json}: the seed's {@code RunOptions} and
 * {@code CommonBuildOptions}, its namespace, ID-mapping and capability settings, and the image
 * config. Build one with {@link #builder()}; {@link SpecGenerator#generate} turns it into a
 * {@link Spec}. Nothing here touches the host.
 *
 * @param env the run's {@code NAME=value} entries; they override the image's by name
 * @param cwd null: the image's {@code WorkingDir}, else {@code /}
 * @param hostname null: the first 12 characters of {@code containerId}, as buildah names it
 * @param rootfs {@code root.path}; null keeps the runtime-tools default ({@code rootfs})
 * @param user the resolved identity (the mounts module resolves names); null: {@code userSpec}
 *     must then be numeric, or absent for root
 * @param userSpec {@code user[:group]} as given ({@code -u}); null: the image's {@code User}
 * @param builderCapabilities the first round of capability changes (buildah's Builder's)
 * @param runCapabilities the second round (the run's {@code --cap-add}/{@code --cap-drop})
 * @param defaultCapabilities what the rounds start from
 * @param namespaces applied in order, so for each type the last one wins, on top of the
 *     defaults (buildah's {@code DefaultNamespaceOptions})
 * @param networkDisabled {@code --network none}: a new network namespace, never configured
 * @param uidMap explicit mappings; one of the two maps alone serves for both, as with buildah's
 *     flags; with neither but a new user namespace, the host's own are used
 * @param maskedPaths added to the default masked paths
 * @param readonlyPaths added to the default read-only paths
 * @param imageConfig the image's defaults; {@link ImageConfig#EMPTY} when there is no image
 */
public record SpecOptions(
        List<String> args,
        List<String> env,
        String cwd,
        String hostname,
        String containerId,
        String rootfs,
        User user,
        String userSpec,
        boolean terminal,
        ConsoleSize consoleSize,
        CapabilityChanges builderCapabilities,
        CapabilityChanges runCapabilities,
        List<String> defaultCapabilities,
        List<Ulimit> ulimits,
        ResourceLimits resources,
        SeccompOption seccomp,
        String apparmorProfile,
        boolean noNewPrivileges,
        List<NamespaceOption> namespaces,
        boolean networkDisabled,
        List<IdMapping> uidMap,
        List<IdMapping> gidMap,
        List<String> maskedPaths,
        List<String> readonlyPaths,
        ImageConfig imageConfig) {

    public SpecOptions {
        args = Copies.list(args);
        env = Copies.list(env);
        builderCapabilities = builderCapabilities == null ? CapabilityChanges.NONE : builderCapabilities;
        runCapabilities = runCapabilities == null ? CapabilityChanges.NONE : runCapabilities;
        defaultCapabilities = defaultCapabilities == null ? SpecDefaults.RUN_CAPABILITIES : List.copyOf(defaultCapabilities);
        ulimits = Copies.list(ulimits);
        resources = resources == null ? ResourceLimits.NONE : resources;
        seccomp = seccomp == null ? SeccompOption.DEFAULT : seccomp;
        namespaces = Copies.list(namespaces);
        uidMap = Copies.list(uidMap);
        gidMap = Copies.list(gidMap);
        maskedPaths = Copies.list(maskedPaths);
        readonlyPaths = Copies.list(readonlyPaths);
        imageConfig = imageConfig == null ? ImageConfig.EMPTY : imageConfig;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same options for the container the monitor is about to create, with its rootfs. */
    public SpecOptions forContainer(String containerId, String rootfs) {
        return new SpecOptions(args, env, cwd, hostname, containerId, rootfs, user, userSpec, terminal, consoleSize,
                builderCapabilities, runCapabilities, defaultCapabilities, ulimits, resources, seccomp,
                apparmorProfile, noNewPrivileges, namespaces, networkDisabled, uidMap, gidMap, maskedPaths,
                readonlyPaths, imageConfig);
    }

    /** The same options with the user resolved in the rootfs and the run's environment. */
    public SpecOptions withUser(User resolved, List<String> environment) {
        return new SpecOptions(args, environment, cwd, hostname, containerId, rootfs, resolved, userSpec, terminal,
                consoleSize, builderCapabilities, runCapabilities, defaultCapabilities, ulimits, resources, seccomp,
                apparmorProfile, noNewPrivileges, namespaces, networkDisabled, uidMap, gidMap, maskedPaths,
                readonlyPaths, imageConfig);
    }

    /** The user spec the mounts module resolves: the run's, else the image's; empty means root. */
    public Optional<String> effectiveUserSpec() {
        if (userSpec != null && !userSpec.isEmpty()) {
            return Optional.of(userSpec);
        }
        String image = imageConfig.user();
        return image == null || image.isEmpty() ? Optional.empty() : Optional.of(image);
    }

    /** The option that decides this namespace type: the last one given (buildah's Find, applied in order). */
    public Optional<NamespaceOption> namespace(NamespaceType type) {
        return namespaces.reversed().stream().filter(option -> option.type() == type).findFirst();
    }

    /** A mutable builder; every setter returns it. Values are checked as they are set. */
    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private final List<String> env = new ArrayList<>();
        private String cwd;
        private String hostname;
        private String containerId;
        private String rootfs;
        private User user;
        private String userSpec;
        private boolean terminal;
        private ConsoleSize consoleSize;
        private CapabilityChanges builderCapabilities = CapabilityChanges.NONE;
        private CapabilityChanges runCapabilities = CapabilityChanges.NONE;
        private List<String> defaultCapabilities = SpecDefaults.RUN_CAPABILITIES;
        private final List<Ulimit> ulimits = new ArrayList<>();
        private final ResourceBuilder resources = new ResourceBuilder();
        private SeccompOption seccomp = SeccompOption.DEFAULT;
        private String apparmorProfile;
        private boolean noNewPrivileges;
        private final List<NamespaceOption> namespaces = new ArrayList<>();
        private boolean networkDisabled;
        private final List<IdMapping> uidMap = new ArrayList<>();
        private final List<IdMapping> gidMap = new ArrayList<>();
        private final List<String> maskedPaths = new ArrayList<>();
        private final List<String> readonlyPaths = new ArrayList<>();
        private ImageConfig imageConfig = ImageConfig.EMPTY;

        private Builder() {}

        /** The command; replaces any set before. */
        public Builder args(List<String> command) {
            args.clear();
            args.addAll(command);
            return this;
        }

        public Builder args(String... command) {
            return args(List.of(command));
        }

        /** Adds a {@code NAME=value} entry; a later one for the same name wins. */
        public Builder env(String entry) {
            env.add(entry);
            return this;
        }

        public Builder env(List<String> entries) {
            env.addAll(entries);
            return this;
        }

        public Builder cwd(String cwd) {
            this.cwd = cwd;
            return this;
        }

        public Builder hostname(String hostname) {
            this.hostname = hostname;
            return this;
        }

        public Builder containerId(String containerId) {
            this.containerId = containerId;
            return this;
        }

        public Builder rootfs(String rootfs) {
            this.rootfs = rootfs;
            return this;
        }

        public Builder rootfs(Path rootfs) {
            return rootfs(rootfs.toString());
        }

        /** The resolved identity; {@code user.gid()} is added first to the additional groups. */
        public Builder user(User user) {
            this.user = user;
            return this;
        }

        /** {@code user[:group]} as given; names are resolved by the mounts module. */
        public Builder userSpec(String userSpec) {
            this.userSpec = userSpec;
            return this;
        }

        public Builder terminal(boolean terminal) {
            this.terminal = terminal;
            return this;
        }

        public Builder consoleSize(ConsoleSize consoleSize) {
            this.consoleSize = consoleSize;
            return this;
        }

        /** The run's {@code --cap-add}: names in any spelling, or {@code ALL}. */
        public Builder capAdd(String... names) {
            runCapabilities = runCapabilities.withAdds(List.of(names));
            return this;
        }

        /** The run's {@code --cap-drop}: names in any spelling, or {@code ALL}. */
        public Builder capDrop(String... names) {
            runCapabilities = runCapabilities.withDrops(List.of(names));
            return this;
        }

        /** The first round, applied before the run's: buildah's Builder's adds. */
        public Builder builderCapAdd(String... names) {
            builderCapabilities = builderCapabilities.withAdds(List.of(names));
            return this;
        }

        /** The first round, applied before the run's: buildah's Builder's drops. */
        public Builder builderCapDrop(String... names) {
            builderCapabilities = builderCapabilities.withDrops(List.of(names));
            return this;
        }

        /** Replaces {@link SpecDefaults#RUN_CAPABILITIES} as the starting set. */
        public Builder defaultCapabilities(List<String> names) {
            defaultCapabilities = names.stream().map(CapabilityChanges::normalize).toList();
            return this;
        }

        /** {@code name=soft[:hard]}; a later one for the same name wins. */
        public Builder ulimit(String value) {
            return ulimit(Ulimit.parse(value));
        }

        public Builder ulimit(Ulimit ulimit) {
            ulimits.add(ulimit);
            return this;
        }

        public Builder memory(long bytes) {
            resources.memory = bytes;
            return this;
        }

        /** Memory plus swap; -1 for unlimited swap. */
        public Builder memorySwap(long bytes) {
            resources.memorySwap = bytes;
            return this;
        }

        public Builder cpuPeriod(long microseconds) {
            resources.cpuPeriod = microseconds;
            return this;
        }

        public Builder cpuQuota(long microseconds) {
            resources.cpuQuota = microseconds;
            return this;
        }

        public Builder cpuShares(long shares) {
            resources.cpuShares = shares;
            return this;
        }

        public Builder cpusetCpus(String cpus) {
            resources.cpusetCpus = cpus;
            return this;
        }

        public Builder cpusetMems(String mems) {
            resources.cpusetMems = mems;
            return this;
        }

        public Builder cgroupParent(String parent) {
            resources.cgroupParent = parent;
            return this;
        }

        public Builder seccomp(SeccompOption seccomp) {
            this.seccomp = seccomp;
            return this;
        }

        public Builder apparmorProfile(String profile) {
            this.apparmorProfile = profile;
            return this;
        }

        public Builder noNewPrivileges(boolean noNewPrivileges) {
            this.noNewPrivileges = noNewPrivileges;
            return this;
        }

        /** Replaces the option of the same type in place, or appends it (buildah's AddOrReplace). */
        public Builder namespace(NamespaceOption option) {
            for (int i = 0; i < namespaces.size(); i++) {
                if (namespaces.get(i).type() == option.type()) {
                    namespaces.set(i, option);
                    return this;
                }
            }
            namespaces.add(option);
            return this;
        }

        /** A flag's value for this type (see {@link NamespaceOption#parse}); the network's goes to {@link #network}. */
        public Builder namespace(NamespaceType type, String value) {
            return type == NamespaceType.NETWORK ? network(value) : namespace(NamespaceOption.parse(type, value));
        }

        /**
         * {@code --network}: {@code none} (a new namespace, left unconfigured), or what
         * {@link NamespaceOption#parse} reads.
         */
        public Builder network(String value) {
            networkDisabled = value.equals("none");
            return namespace(networkDisabled ? NamespaceOption.create(NamespaceType.NETWORK)
                    : NamespaceOption.parse(NamespaceType.NETWORK, value));
        }

        public Builder uidMap(List<IdMapping> mappings) {
            uidMap.addAll(mappings);
            return this;
        }

        public Builder gidMap(List<IdMapping> mappings) {
            gidMap.addAll(mappings);
            return this;
        }

        public Builder maskedPath(String path) {
            maskedPaths.add(path);
            return this;
        }

        public Builder readonlyPath(String path) {
            readonlyPaths.add(path);
            return this;
        }

        public Builder imageConfig(ImageConfig config) {
            this.imageConfig = config;
            return this;
        }

        /** @throws SpecException when the resource settings contradict each other */
        public SpecOptions build() {
            return new SpecOptions(args, env, cwd, hostname, containerId, rootfs, user, userSpec, terminal, consoleSize,
                    builderCapabilities, runCapabilities, defaultCapabilities, ulimits, resources.build(), seccomp,
                    apparmorProfile, noNewPrivileges, namespaces, networkDisabled, uidMap, gidMap, maskedPaths,
                    readonlyPaths, imageConfig);
        }
    }

    /** The builder's half of {@link ResourceLimits}, checked when the options are built. */
    private static final class ResourceBuilder {
        Long cpuPeriod;
        Long cpuQuota;
        Long cpuShares;
        String cpusetCpus;
        String cpusetMems;
        Long memory;
        Long memorySwap;
        String cgroupParent;

        ResourceLimits build() {
            return new ResourceLimits(cpuPeriod, cpuQuota, cpuShares, cpusetCpus, cpusetMems, memory, memorySwap,
                    cgroupParent);
        }
    }
}
