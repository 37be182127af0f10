package dev.skiff.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed's {@code setupNamespaces}: namespace options applied in order on top of the
 * runtime-tools defaults, then the user-namespace rules.
 *
 * @param namespaces {@code linux.namespaces}
 * @param configureNetwork see {@link NetworkPlan#configure()}
 * @param configureUts the UTS namespace is a new one, so the container's hostname is Skiff's to set
 */
record NamespacePlan(
        List<Namespace> namespaces,
        List<IdMapping> uidMappings,
        List<IdMapping> gidMappings,
        boolean configureNetwork,
        List<String> cniNetworks,
        boolean configureUts) {

    /**
     * buildah's {@code DefaultNamespaceOptions}: new namespaces for those runtime-tools creates,
     * the host's user namespace, and a cgroup namespace only on cgroup v2 (containers.conf's
     * {@code cgroupns} default).
     */
    static List<NamespaceOption> defaults(boolean cgroup2) {
        List<NamespaceOption> defaults = new ArrayList<>();
        defaults.add(cgroup2 ? NamespaceOption.create(NamespaceType.CGROUP) : NamespaceOption.host(NamespaceType.CGROUP));
        SpecDefaults.NAMESPACES.forEach(ns -> defaults.add(NamespaceOption.create(ns.type())));
        defaults.add(NamespaceOption.host(NamespaceType.USER));
        return defaults;
    }

    static NamespacePlan of(SpecOptions options, HostInfo host) {
        List<NamespaceOption> all = new ArrayList<>(defaults(host.cgroup2()));
        all.addAll(options.namespaces());
        return of(all, options, host);
    }

    /** {@code all}: the options in order, defaults included (package-private for the rule tests). */
    static NamespacePlan of(List<NamespaceOption> all, SpecOptions options, HostInfo host) {
        Linux linux = Linux.EMPTY.withNamespaces(SpecDefaults.NAMESPACES);
        boolean newUserns = false;
        boolean joinedUserns = false;
        boolean specifiedNetwork = false;
        boolean configureNetwork = false;
        List<String> cniNetworks = List.of();
        boolean configureUts = false;
        for (NamespaceOption option : all) {
            boolean created = !option.host() && !option.joins();
            switch (option.type()) {
                case USER -> {
                    newUserns = created;
                    joinedUserns = option.joins();
                }
                case NETWORK -> {
                    specifiedNetwork = true;
                    configureNetwork = created && !options.networkDisabled();
                    cniNetworks = option.cniNetworkNames();
                }
                case UTS -> configureUts = created;
                default -> { }
            }
            linux = option.host() ? linux.withoutNamespace(option.type())
                    : linux.withNamespace(new Namespace(option.type(), option.joins() ? option.path() : null));
        }
        List<IdMapping> uids = List.of();
        List<IdMapping> gids = List.of();
        if (!options.uidMap().isEmpty() || !options.gidMap().isEmpty() || newUserns) {
            // Mappings need a user namespace of our own; without explicit ones, keep this process's IDs.
            linux = linux.withNamespace(Namespace.of(NamespaceType.USER));
            // As buildah's flags: one map given alone serves for both.
            List<IdMapping> uidMap = options.uidMap().isEmpty() ? options.gidMap() : options.uidMap();
            List<IdMapping> gidMap = options.gidMap().isEmpty() ? options.uidMap() : options.gidMap();
            uids = uidMap.isEmpty() ? identity(host.uidMap()) : uidMap;
            gids = gidMap.isEmpty() ? identity(host.gidMap()) : gidMap;
            if (!specifiedNetwork) {
                linux = linux.withNamespace(Namespace.of(NamespaceType.NETWORK));
                configureNetwork = !options.networkDisabled();
            }
        } else {
            // The seed also dropped a joined user namespace here; joining one by path is kept instead.
            if (!joinedUserns) {
                linux = linux.withoutNamespace(NamespaceType.USER);
            }
            if (!specifiedNetwork) {
                linux = linux.withoutNamespace(NamespaceType.NETWORK);
            }
        }
        checkHostPid(linux);
        return new NamespacePlan(linux.namespaces(), uids, gids, configureNetwork, cniNetworks, configureUts);
    }

    NetworkPlan network() {
        return new NetworkPlan(configureNetwork, cniNetworks);
    }

    /**
     * A user namespace with the host's PID namespace is refused, as buildah's
     * {@code checkAndOverrideIsolationOptions} refuses it (there only when both come from the run's
     * options; here whatever set them): the runtime cannot mount /proc for it.
     */
    private static void checkHostPid(Linux linux) {
        if (linux.namespace(NamespaceType.USER).isPresent() && linux.namespace(NamespaceType.PID).isEmpty()) {
            throw new SpecException("not allowed to mix the host's PID namespace with a container user namespace");
        }
    }

    /** The seed maps each of this process's IDs to itself: {@code inside inside count}. */
    private static List<IdMapping> identity(List<IdMapping> own) {
        return own.stream().map(m -> new IdMapping(m.containerID(), m.containerID(), m.size())).toList();
    }
}
