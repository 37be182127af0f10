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
     * {@code cgroupns} default). A rootless run gets a user namespace of its own instead: the
     * host's is root's.
     */
    static List<NamespaceOption> defaults(boolean cgroup2, boolean rootless) {
        List<NamespaceOption> defaults = new ArrayList<>();
        defaults.add(cgroup2 ? NamespaceOption.create(NamespaceType.CGROUP) : NamespaceOption.host(NamespaceType.CGROUP));
        SpecDefaults.NAMESPACES.forEach(ns -> defaults.add(NamespaceOption.create(ns.type())));
        defaults.add(rootless ? NamespaceOption.create(NamespaceType.USER) : NamespaceOption.host(NamespaceType.USER));
        return defaults;
    }

    static NamespacePlan of(SpecOptions options, HostInfo host) {
        List<NamespaceOption> all = new ArrayList<>(defaults(host.cgroup2(), host.isRootless()));
        all.addAll(options.namespaces());
        return of(all, options, host);
    }

    /** {@code all}: the options in order, defaults included (package-private for the rule tests). */
    static NamespacePlan of(List<NamespaceOption> all, SpecOptions options, HostInfo host) {
        Linux linux = Linux.EMPTY.withNamespaces(SpecDefaults.NAMESPACES);
        NamespaceOption user = NamespaceOption.host(NamespaceType.USER);
        boolean specifiedNetwork = false;
        boolean configureNetwork = false;
        List<String> cniNetworks = List.of();
        boolean configureUts = false;
        for (NamespaceOption option : all) {
            boolean created = !option.host() && !option.joins();
            switch (option.type()) {
                case USER -> user = option;
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
        boolean newUserns = !user.host() && !user.joins();
        List<IdMapping> uids = List.of();
        List<IdMapping> gids = List.of();
        if (!options.uidMap().isEmpty() || !options.gidMap().isEmpty() || newUserns) {
            // Mappings need a user namespace of our own; without explicit ones, keep this process's IDs.
            linux = linux.withNamespace(Namespace.of(NamespaceType.USER));
            // As buildah's flags: one map given alone serves for both.
            List<IdMapping> uidMap = options.uidMap().isEmpty() ? options.gidMap() : options.uidMap();
            List<IdMapping> gidMap = options.gidMap().isEmpty() ? options.uidMap() : options.gidMap();
            uids = mappings(uidMap, host, true);
            gids = mappings(gidMap, host, false);
            if (!specifiedNetwork) {
                linux = linux.withNamespace(Namespace.of(NamespaceType.NETWORK));
                configureNetwork = !options.networkDisabled();
            }
        } else {
            // The seed also dropped a joined user namespace here; joining one by path is kept instead.
            if (!user.joins()) {
                linux = linux.withoutNamespace(NamespaceType.USER);
            }
            if (!specifiedNetwork) {
                linux = linux.withoutNamespace(NamespaceType.NETWORK);
            }
        }
        checkHostPid(linux);
        if (host.isRootless()) {
            checkRootless(user, cniNetworks);
            // No CNI without root: a new network namespace has loopback only (runc brings it up).
            configureNetwork = false;
            if (linux.namespace(NamespaceType.USER).map(ns -> ns.path() != null).orElse(false)) {
                // runc's rootless mode wants the maps even of a namespace it joins.
                uids = IdMaps.ofJoinedNamespace(user.path(), "uid_map");
                gids = IdMaps.ofJoinedNamespace(user.path(), "gid_map");
            }
        }
        return new NamespacePlan(linux.namespaces(), uids, gids, configureNetwork, cniNetworks, configureUts);
    }

    /** Explicit maps, else this process's own IDs; for a rootless run, see {@link #rootlessMap}. */
    private static List<IdMapping> mappings(List<IdMapping> requested, HostInfo host, boolean uid) {
        if (host.isRootless()) {
            return rootlessMap(requested, host.rootless(), uid);
        }
        return requested.isEmpty() ? identity(uid ? host.uidMap() : host.gidMap()) : requested;
    }

    /** A rootless run's maps: explicit ones counted in the user's ID space, or that whole space. */
    private static List<IdMapping> rootlessMap(List<IdMapping> requested, RootlessHost rootless, boolean uid) {
        if (requested.isEmpty()) {
            return uid ? rootless.uidSpace() : rootless.gidSpace();
        }
        return uid ? rootless.uidsFor("uidmap", requested) : rootless.gidsFor("gidmap", requested);
    }

    /**
     * An unprivileged user has no use of the host's user namespace (runc's rootless mode needs
     * one of its own) and cannot run CNI plugins, which need root to make interfaces.
     */
    private static void checkRootless(NamespaceOption user, List<String> cniNetworks) {
        if (user.host()) {
            throw new SpecException("user namespace", "host",
                    "a rootless run needs a user namespace of its own (private) or one to join (ns:PATH)");
        }
        if (!cniNetworks.isEmpty()) {
            throw new SpecException("network", String.join(",", cniNetworks),
                    "CNI networks need root; a rootless run has host, none, or private (loopback only)");
        }
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
