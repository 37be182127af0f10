package dev.skiff.spec;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Hand-written hosts, so generator tests do not depend on the machine that runs them. */
final class Hosts {
    /** The host's own maps as root in the initial user namespace. */
    static final List<IdMapping> INITIAL_MAP = List.of(new IdMapping(0, 0, 4294967295L));

    private Hosts() {}

    /**
     * An x86-64 root host on kernel 6.1, cgroup v1, without a system seccomp profile, whose
     * bounding set lacks CAP_SYS_RESOURCE (as on the machine the buildah fixture came from).
     */
    static HostInfo fake() {
        Set<Capability> bounding = EnumSet.allOf(Capability.class);
        bounding.remove(Capability.CAP_SYS_RESOURCE);
        return new HostInfo(bounding, INITIAL_MAP, INITIAL_MAP, "amd64", new KernelVersion(6, 1),
                OptionalLong.of(32768), false, Set.of("net.ipv4.ping_group_range"), SpecDefaults.MASKED_PATHS,
                Optional.empty());
    }

    static HostInfo withSeccompProfile(HostInfo host, Path profile) {
        return new HostInfo(host.boundingSet(), host.uidMap(), host.gidMap(), host.seccompArch(), host.kernel(),
                host.defaultNproc(), host.cgroup2(), host.sysctls(), host.maskedPaths(), Optional.of(profile));
    }

    static HostInfo withCgroup2(HostInfo host) {
        return new HostInfo(host.boundingSet(), host.uidMap(), host.gidMap(), host.seccompArch(), host.kernel(),
                host.defaultNproc(), true, host.sysctls(), host.maskedPaths(), host.seccompProfile());
    }

    static HostInfo withUidMap(HostInfo host, List<IdMapping> uids, List<IdMapping> gids) {
        return new HostInfo(host.boundingSet(), uids, gids, host.seccompArch(), host.kernel(), host.defaultNproc(),
                host.cgroup2(), host.sysctls(), host.maskedPaths(), host.seccompProfile());
    }
}
