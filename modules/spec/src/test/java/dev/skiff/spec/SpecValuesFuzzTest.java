package dev.skiff.spec;

import dev.skiff.testkit.Fuzz;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Hostile flag values for the spec's parsers: each either parses or throws the error its
 * parser documents ({@link SpecException}; {@link Capability#parse} an IllegalArgumentException).
 */
class SpecValuesFuzzTest {

    @Test
    void ulimit() {
        Fuzz.check("ulimit", Fuzz.nearValid(List.of("nofile=1024", "nofile=1024:2048", "nproc=-1",
                "core=unlimited:unlimited", "memlock=0:0", "stack=8388608:-1", "rtprio=-1:-1")),
                Ulimit::parse, SpecException.class);
    }

    @Test
    void byteSizes() {
        Fuzz.check("sizes", Fuzz.nearValid(List.of("512m", "1g", "1.5G", "100k", "4096", "64MiB", "2 GB", "8p",
                "0.1k")), v -> ByteSizes.parse("memory", v), SpecException.class);
    }

    @Test
    void idMaps() {
        Fuzz.check("idmap", Fuzz.nearValid(List.of("0:1000:1", "0:1000:1:1:100000:65536", "0:0:4294967295",
                "1000:0:1")), v -> IdMaps.parse("uidmap", v), SpecException.class);
    }

    @Test
    void capabilityNames() {
        List<String> names = new ArrayList<>();
        for (Capability c : Capability.values()) {
            names.add(c.name());
            names.add(c.name().substring(4).toLowerCase(Locale.ROOT));
        }
        Fuzz.check("capability", Fuzz.nearValid(names), Capability::parse, IllegalArgumentException.class);
        names.addAll(List.of("all", "ALL", "cap_all"));
        Fuzz.check("cap-add", Fuzz.nearValid(names), CapabilityChanges::normalize, SpecException.class);
        Fuzz.check("cap-add list", Fuzz.nearValid(List.of("net_raw,sys_admin", "ALL", "cap_chown,,kill")),
                v -> new CapabilityChanges(Arrays.asList(v.split(",", -1)), List.of()).withDrops(List.of(v)),
                SpecException.class);
    }

    @Test
    void namespaceOptions() {
        List<String> valid = List.of("host", "private", "", "container", "none", "ns:/proc/1/ns/net",
                "/run/netns/x", "podman", "a,b.c,d-e_f", "ns:relative");
        for (NamespaceType type : NamespaceType.values()) {
            Fuzz.check("namespace " + type, Fuzz.nearValid(valid), v -> NamespaceOption.parse(type, v),
                    SpecException.class);
        }
        Fuzz.check("network", Fuzz.nearValid(valid), v -> SpecOptions.builder().network(v), SpecException.class);
    }

    @Test
    void kernelVersions() {
        Fuzz.check("kernel", Fuzz.nearValid(List.of("5.15.0-91-generic", "3.12", "6.1.0-rc1", "4.4.0+")),
                KernelVersion::parse, SpecException.class);
    }

    @Test
    void seccompOptions() {
        Fuzz.check("seccomp option", Fuzz.nearValid(List.of("unconfined", "/etc/containers/seccomp.json",
                "profile.json")), SeccompOption::parse, SpecException.class);
    }

    @Test
    void cpuLists() {
        Fuzz.check("cpuset", Fuzz.nearValid(List.of("0-3,7", "0", "1,2,3", "0-63")),
                v -> ResourceLimits.checkList("cpuset-cpus", v), SpecException.class);
    }
}
