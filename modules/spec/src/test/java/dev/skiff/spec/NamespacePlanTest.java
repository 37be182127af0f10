package dev.skiff.spec;

import static dev.skiff.spec.NamespaceType.CGROUP;
import static dev.skiff.spec.NamespaceType.IPC;
import static dev.skiff.spec.NamespaceType.MOUNT;
import static dev.skiff.spec.NamespaceType.NETWORK;
import static dev.skiff.spec.NamespaceType.PID;
import static dev.skiff.spec.NamespaceType.USER;
import static dev.skiff.spec.NamespaceType.UTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamespacePlanTest {
    private final HostInfo host = Hosts.fake();

    private NamespacePlan plan(SpecOptions.Builder options) {
        return NamespacePlan.of(options.args("true").build(), host);
    }

    /** Without buildah's defaults in front: only these options, in this order. */
    private NamespacePlan planWithoutDefaults(SpecOptions.Builder options, NamespaceOption... all) {
        return NamespacePlan.of(List.of(all), options.args("true").build(), host);
    }

    private static List<NamespaceType> types(NamespacePlan plan) {
        return plan.namespaces().stream().map(Namespace::type).toList();
    }

    @Test
    void defaultsAreRuntimeToolsNamespacesConfiguredNetworkAndHostname() {
        NamespacePlan plan = plan(SpecOptions.builder());

        assertThat(types(plan)).containsExactly(PID, NETWORK, IPC, UTS, MOUNT);
        assertThat(plan.namespaces()).allSatisfy(ns -> assertThat(ns.path()).isNull());
        assertThat(plan.configureNetwork()).isTrue();
        assertThat(plan.cniNetworks()).isEmpty();
        assertThat(plan.configureUts()).isTrue();
        assertThat(plan.uidMappings()).isEmpty();
    }

    @Test
    void cgroupNamespaceOnlyOnCgroupV2() {
        assertThat(types(NamespacePlan.of(SpecOptions.builder().args("true").build(), Hosts.withCgroup2(host))))
                .containsExactly(PID, NETWORK, IPC, UTS, MOUNT, CGROUP);
        assertThat(types(plan(SpecOptions.builder().namespace(NamespaceOption.create(CGROUP)))))
                .containsExactly(PID, NETWORK, IPC, UTS, MOUNT, CGROUP);
    }

    @Test
    void hostNetworkRemovesTheNamespaceAndIsNotConfigured() {
        NamespacePlan plan = plan(SpecOptions.builder().network("host"));

        assertThat(types(plan)).containsExactly(PID, IPC, UTS, MOUNT);
        assertThat(plan.configureNetwork()).isFalse();
    }

    @Test
    void networkNoneIsANewNamespaceLeftAlone() {
        NamespacePlan plan = plan(SpecOptions.builder().network("none"));

        assertThat(types(plan)).containsExactly(PID, NETWORK, IPC, UTS, MOUNT);
        assertThat(plan.configureNetwork()).isFalse();
    }

    @Test
    void joinedNetworkIsNotConfigured() {
        NamespacePlan plan = plan(SpecOptions.builder().network("ns:/run/netns/x"));

        assertThat(plan.namespaces()).contains(Namespace.join(NETWORK, "/run/netns/x"));
        assertThat(plan.configureNetwork()).isFalse();
    }

    @Test
    void cniNamesGiveANewConfiguredNamespace() {
        NamespacePlan plan = plan(SpecOptions.builder().network("net1,net2"));

        assertThat(plan.namespaces()).contains(Namespace.of(NETWORK));
        assertThat(plan.configureNetwork()).isTrue();
        assertThat(plan.cniNetworks()).containsExactly("net1", "net2");
        assertThat(plan.network()).isEqualTo(new NetworkPlan(true, List.of("net1", "net2")));
    }

    @Test
    void theLastOptionOfATypeWins() {
        NamespacePlan plan = planWithoutDefaults(SpecOptions.builder(),
                NamespaceOption.host(NETWORK), NamespaceOption.cniNetworks(List.of("a")), NamespaceOption.create(NETWORK));

        assertThat(types(plan)).contains(NETWORK);
        assertThat(plan.cniNetworks()).isEmpty();
        assertThat(plan.configureNetwork()).isTrue();
    }

    @Test
    void builderAddOrReplaceKeepsOneOptionPerType() {
        SpecOptions options = SpecOptions.builder().args("true").network("host").namespace(PID, "host").network("a")
                .build();

        assertThat(options.namespaces()).containsExactly(NamespaceOption.cniNetworks(List.of("a")), NamespaceOption.host(PID));
        assertThat(options.namespace(NETWORK)).contains(NamespaceOption.cniNetworks(List.of("a")));
        assertThat(options.networkDisabled()).isFalse();
    }

    @Test
    void mappingsCreateAUserNamespace() {
        List<IdMapping> uids = List.of(new IdMapping(0, 100000, 65536));
        NamespacePlan plan = plan(SpecOptions.builder().uidMap(uids));

        assertThat(types(plan)).containsExactly(PID, NETWORK, IPC, UTS, MOUNT, USER);
        assertThat(plan.uidMappings()).isEqualTo(uids);
        assertThat(plan.gidMappings()).as("one map alone serves for both, as in buildah").isEqualTo(uids);
    }

    @Test
    void bothMapsAreKeptApart() {
        List<IdMapping> uids = List.of(new IdMapping(0, 100000, 65536));
        List<IdMapping> gids = List.of(new IdMapping(0, 200000, 65536));
        NamespacePlan plan = plan(SpecOptions.builder().uidMap(uids).gidMap(gids));

        assertThat(plan.uidMappings()).isEqualTo(uids);
        assertThat(plan.gidMappings()).isEqualTo(gids);
        assertThat(plan(SpecOptions.builder().gidMap(gids)).uidMappings()).isEqualTo(gids);
    }

    @Test
    void aNewUserNamespaceWithoutMappingsUsesTheHostsOwnIds() {
        HostInfo nested = Hosts.withUidMap(host, List.of(new IdMapping(0, 100000, 65536)),
                List.of(new IdMapping(0, 200000, 1000)));
        NamespacePlan plan = NamespacePlan.of(
                SpecOptions.builder().args("true").namespace(NamespaceOption.create(USER)).build(), nested);

        assertThat(plan.namespaces()).contains(Namespace.of(USER));
        assertThat(plan.uidMappings()).as("inside IDs map to themselves").containsExactly(new IdMapping(0, 0, 65536));
        assertThat(plan.gidMappings()).containsExactly(new IdMapping(0, 0, 1000));
    }

    @Test
    void aUserNamespaceAddsANetworkNamespaceWhenNoneWasSpecified() {
        NamespacePlan plan = planWithoutDefaults(SpecOptions.builder(), NamespaceOption.create(USER));

        assertThat(types(plan)).containsExactly(PID, NETWORK, IPC, UTS, MOUNT, USER);
        assertThat(plan.configureNetwork()).isTrue();
    }

    @Test
    void aUserNamespaceKeepsTheSpecifiedHostNetwork() {
        NamespacePlan plan = plan(SpecOptions.builder().network("host").uidMap(Hosts.INITIAL_MAP));

        assertThat(types(plan)).containsExactly(PID, IPC, UTS, MOUNT, USER);
        assertThat(plan.configureNetwork()).isFalse();
    }

    @Test
    void aUserNamespaceWithNetworkNoneLeavesTheNetworkUnconfigured() {
        NamespacePlan plan = planWithoutDefaults(SpecOptions.builder().network("none"), NamespaceOption.create(USER));

        assertThat(types(plan)).contains(NETWORK, USER);
        assertThat(plan.configureNetwork()).isFalse();
    }

    @Test
    void withoutAUserNamespaceAnUnspecifiedNetworkIsTheHosts() {
        NamespacePlan plan = planWithoutDefaults(SpecOptions.builder(), NamespaceOption.create(PID));

        assertThat(types(plan)).containsExactly(PID, IPC, UTS, MOUNT);
        assertThat(plan.configureNetwork()).isFalse();
    }

    @Test
    void hostPidWithAUserNamespaceIsAnError() {
        assertThatThrownBy(() -> plan(SpecOptions.builder().namespace(PID, "host").uidMap(Hosts.INITIAL_MAP)))
                .isInstanceOf(SpecException.class)
                .hasMessage("not allowed to mix the host's PID namespace with a container user namespace");
        assertThatThrownBy(() -> plan(SpecOptions.builder().namespace(PID, "host").namespace(NamespaceOption.create(USER))))
                .isInstanceOf(SpecException.class);
        assertThatThrownBy(() -> plan(SpecOptions.builder().namespace(PID, "host")
                .namespace(NamespaceOption.join(USER, "/proc/1/ns/user"))))
                .isInstanceOf(SpecException.class);
    }

    @Test
    void aJoinedPidNamespaceWithAUserNamespaceIsFine() {
        NamespacePlan plan = plan(SpecOptions.builder().namespace(PID, "ns:/proc/1/ns/pid").uidMap(Hosts.INITIAL_MAP));

        assertThat(plan.namespaces()).contains(Namespace.join(PID, "/proc/1/ns/pid"), Namespace.of(USER));
    }

    @Test
    void hostPidAloneIsFine() {
        assertThat(types(plan(SpecOptions.builder().namespace(PID, "host")))).containsExactly(NETWORK, IPC, UTS, MOUNT);
    }

    @Test
    void aJoinedUserNamespaceIsKept() {
        NamespacePlan plan = plan(SpecOptions.builder().namespace(NamespaceOption.join(USER, "/proc/1/ns/user")));

        assertThat(plan.namespaces()).contains(Namespace.join(USER, "/proc/1/ns/user"));
        assertThat(plan.uidMappings()).isEmpty();
    }

    @Test
    void hostnameOnlyWithANewUtsNamespace() {
        assertThat(plan(SpecOptions.builder().namespace(UTS, "host")).configureUts()).isFalse();
        assertThat(plan(SpecOptions.builder().namespace(UTS, "/proc/1/ns/uts")).configureUts()).isFalse();
        assertThat(plan(SpecOptions.builder().namespace(UTS, "private")).configureUts()).isTrue();
    }
}
