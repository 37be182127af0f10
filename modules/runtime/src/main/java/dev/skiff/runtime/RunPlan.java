package dev.skiff.runtime;

import dev.skiff.mounts.BoundFilesOptions;
import dev.skiff.mounts.ContainerDirs;
import dev.skiff.mounts.ContainerUser;
import dev.skiff.mounts.HostOwner;
import dev.skiff.mounts.MountRequest;
import dev.skiff.mounts.NamespaceFlags;
import dev.skiff.mounts.PreparedMounts;
import dev.skiff.mounts.RootfsAccess;
import dev.skiff.mounts.RunMounts;
import dev.skiff.mounts.UserSpec;
import dev.skiff.network.EtcFiles;
import dev.skiff.network.EtcInputs;
import dev.skiff.network.NetworkMode;
import dev.skiff.spec.IdMapping;
import dev.skiff.spec.Namespace;
import dev.skiff.spec.NamespaceType;
import dev.skiff.spec.NetworkPlan;
import dev.skiff.spec.Spec;
import dev.skiff.spec.SpecGenerator;
import dev.skiff.spec.SpecOptions;
import dev.skiff.spec.User;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a run decides before create, from the request and the rootfs: the user as the
 * rootfs's passwd and group files say, the spec, the network mode, and the mounts with
 * the files they need (bound files and secrets in the bundle, image volumes in the
 * container's directory).
 *
 * @param spec      the config.json to write
 * @param network   how the container's network is set up
 * @param mounts    what was prepared for the mounts; closed after the runtime deleted the container
 * @param user      the resolved container user
 */
record RunPlan(Spec spec, NetworkPlan plan, NetworkMode network, PreparedMounts mounts, ContainerUser user) {

    /** Makes the plan; everything it created is removed again when it fails. */
    static RunPlan make(RunRequest request, Path rootfs, String shortId, Bundle bundle, ContainerDirs dirs)
            throws IOException {
        SpecOptions options = request.spec().forContainer(shortId, rootfs.toString());
        ContainerUser user;
        try (RootfsAccess access = RootfsAccess.open(rootfs)) {
            user = UserSpec.parse(options.effectiveUserSpec().orElse("")).resolve(access);
        }
        // HOME stays unset unless given: the runtime sets it from the container's passwd, as
        // buildah leaves it (it adds HOME only for chroot isolation, where no runtime does).
        options = options.withUser(toSpecUser(user), options.env());
        Spec spec = SpecGenerator.generate(options);
        NetworkPlan plan = SpecGenerator.network(options);
        NetworkMode mode = networkMode(spec, plan, options);
        PreparedMounts mounts = RunMounts.prepare(mountRequest(request, rootfs, bundle, spec, mode, dirs));
        return new RunPlan(spec.withMounts(mounts.mounts()), plan, mode, mounts, user);
    }

    private static User toSpecUser(ContainerUser user) {
        return User.of(user.uid(), user.gid()).withAdditionalGids(user.additionalGids());
    }

    private static NetworkMode networkMode(Spec spec, NetworkPlan plan, SpecOptions options) {
        Optional<Namespace> net = spec.linux() == null ? Optional.empty() : spec.linux().namespace(NamespaceType.NETWORK);
        if (net.isEmpty()) {
            return new NetworkMode.Host();
        }
        if (net.get().path() != null) {
            return new NetworkMode.Join(Path.of(net.get().path()));
        }
        if (!plan.configure() || options.networkDisabled()) {
            return new NetworkMode.None();
        }
        return plan.cniNetworks().isEmpty() ? new NetworkMode.Private() : new NetworkMode.Named(plan.cniNetworks());
    }

    /**
     * The container's persistent directory (image volumes): named by {@code --name}, or
     * after the run's id, and then removed with the run.
     */
    static ContainerDirs containerDirs(RunRequest request, String id) {
        return new ContainerDirs(ContainerDirs.defaultStateDir(),
                request.containerName() != null ? request.containerName() : id);
    }

    private static MountRequest mountRequest(RunRequest request, Path rootfs, Bundle bundle, Spec spec,
            NetworkMode mode, ContainerDirs dirs) throws IOException {
        MountOptions m = request.mounts();
        String hostname = spec.hostname() == null ? "" : spec.hostname();
        EtcFiles etc = EtcFiles.forMode(mode, EtcInputs.readingHost(hostname));
        BoundFilesOptions bound = BoundFilesOptions.DEFAULT.withHosts(etc.hosts())
                .withResolvConf(etc.resolvConf().orElse(null)).withNoResolvConf(etc.resolvConf().isEmpty())
                .withHostname(spec.hostname()).withExtraHosts(m.parsedAddHosts()).withNoHosts(m.noHosts());
        MountRequest.Builder b = MountRequest.builder(bundle.dir(), rootfs)
                .containerDirs(dirs)
                .runVolumes(m.parsedVolumes())
                .imageVolumes(request.spec().imageConfig().volumes())
                .specMounts(spec.mounts())
                .namespaces(namespaceFlags(spec))
                .shmSize(m.shmSize())
                .containerRoot(containerRoot(spec))
                .boundFiles(bound);
        if (m.mountsConf() != null) {
            b.mountsConf(m.mountsConf());
        }
        return b.build();
    }

    private static NamespaceFlags namespaceFlags(Spec spec) {
        boolean userNs = has(spec, NamespaceType.USER);
        return new NamespaceFlags(userNs, !has(spec, NamespaceType.IPC), !has(spec, NamespaceType.NETWORK));
    }

    private static boolean has(Spec spec, NamespaceType type) {
        return spec.linux() != null && spec.linux().namespace(type).isPresent();
    }

    /** The host uid and gid that the container's root maps to (root without a user namespace). */
    HostOwner containerRoot() {
        return containerRoot(spec);
    }

    /**
     * The host IDs that own what Skiff creates for the container's user: its IDs mapped to the
     * host. A rootless run may only chown to its own IDs, so a user whose IDs lie in the
     * subordinate range gets the container's root (the caller) instead.
     */
    HostOwner hostOwnerOfUser() {
        HostOwner root = containerRoot();
        long uid = toHost(spec.linux() == null ? List.of() : spec.linux().uidMappings(), user.uid());
        long gid = toHost(spec.linux() == null ? List.of() : spec.linux().gidMappings(), user.gid());
        if (uid < 0 || gid < 0 || UserDirs.rootless() && (uid != root.uid() || gid != root.gid())) {
            return root;
        }
        return new HostOwner((int) uid, (int) gid);
    }

    private static HostOwner containerRoot(Spec spec) {
        if (spec.linux() == null || spec.linux().uidMappings().isEmpty()) {
            return HostOwner.ROOT;
        }
        // A map without container root leaves it unmapped; files then stay root's, as before.
        long uid = Math.max(0, toHost(spec.linux().uidMappings(), 0));
        long gid = Math.max(0, toHost(spec.linux().gidMappings(), 0));
        return new HostOwner((int) uid, (int) gid);
    }

    /** The host ID of a container ID under {@code map}; the same ID without a map; -1 when unmapped. */
    private static long toHost(List<IdMapping> map, long id) {
        if (map.isEmpty()) {
            return id;
        }
        return map.stream().filter(m -> id >= m.containerID() && id - m.containerID() < m.size()).findFirst()
                .map(m -> m.hostID() + id - m.containerID()).orElse(-1L);
    }
}
