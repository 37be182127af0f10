package dev.skiff.spec;

import static dev.skiff.spec.NamespaceType.NETWORK;
import static dev.skiff.spec.NamespaceType.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec of a run by an unprivileged user: its ID space, the automatic mapping, and what it cannot have. */
class RootlessSpecTest {
    private static final List<SubordinateIds.Range> RANGE = List.of(new SubordinateIds.Range(200000, 65536));

    /** uid/gid 1001 with one range of 65536, the helpers installed, no writable cgroup. */
    private static HostInfo withRange() {
        return Hosts.fake().withRootless(RootlessHost.of(1001, 1001, "alice", RANGE, RANGE, true, true, false));
    }

    private static HostInfo withoutRange() {
        return Hosts.fake().withRootless(RootlessHost.of(1001, 1001, "bob", List.of(), List.of(), true, true, false));
    }

    private static SpecOptions.Builder options() {
        return SpecOptions.builder().args("id").containerId("0123456789abcdef");
    }

    @Test
    void subordinateRangesMatchTheNameOrTheUidAndSkipMalformedLines() {
        String file = "alice:100000:65536\nbob:300000:10\n1001:400000:5\nalice:x:1\nalice:5:0\n\nalice:500000:2\n";

        assertThat(SubordinateIds.parse(file, "alice", 1001)).containsExactly(new SubordinateIds.Range(100000, 65536),
                new SubordinateIds.Range(400000, 5), new SubordinateIds.Range(500000, 2));
        assertThat(SubordinateIds.parse(file, "carol", 1002)).isEmpty();
    }

    @Test
    void theIdSpaceIsTheUsersOwnIdThenItsRanges() {
        RootlessHost host = RootlessHost.of(1001, 1002, "alice",
                List.of(new SubordinateIds.Range(200000, 10), new SubordinateIds.Range(300000, 5)), RANGE, true, true,
                false);

        assertThat(host.uidSpace()).containsExactly(new IdMapping(0, 1001, 1), new IdMapping(1, 200000, 10),
                new IdMapping(11, 300000, 5));
        assertThat(host.gidSpace()).containsExactly(new IdMapping(0, 1002, 1), new IdMapping(1, 200000, 65536));
        assertThat(host.uidCount()).isEqualTo(16);
    }

    @Test
    void withoutTheHelpersTheRangesCannotBeUsed() {
        RootlessHost host = RootlessHost.of(1001, 1001, "alice", RANGE, RANGE, false, true, false);

        assertThat(host.uidSpace()).containsExactly(new IdMapping(0, 1001, 1));
        assertThat(host.gidCount()).isEqualTo(65537);
    }

    @Test
    void explicitMapsCountInTheIdSpaceAndAreSplitAcrossItsPieces() {
        RootlessHost host = RootlessHost.of(1001, 1001, "alice",
                List.of(new SubordinateIds.Range(200000, 10), new SubordinateIds.Range(300000, 100)), RANGE, true,
                true, false);

        assertThat(host.uidsFor("uidmap", List.of(new IdMapping(0, 0, 20)))).containsExactly(
                new IdMapping(0, 1001, 1), new IdMapping(1, 200000, 10), new IdMapping(11, 300000, 9));
        assertThat(host.uidsFor("uidmap", List.of(new IdMapping(0, 1, 65536 - 65536 + 5)))).containsExactly(
                new IdMapping(0, 200000, 5));
    }

    @Test
    void aMapLargerThanTheIdSpaceIsAClearError() {
        RootlessHost host = RootlessHost.of(1001, 1001, "alice", RANGE, RANGE, true, true, false);

        assertThatThrownBy(() -> host.uidsFor("uidmap", List.of(new IdMapping(0, 0, 70000))))
                .isInstanceOf(SpecException.class)
                .hasMessage("uidmap `0:0:70000`: ID 65537 of this user's ID space is not there: it has 65537 "
                        + "(uid 1001, then its /etc/subuid ranges); ask for fewer IDs or add a larger range to "
                        + "/etc/subuid and /etc/subgid");
    }

    @Test
    void theAutomaticMappingIsTheWholeIdSpaceInANewUserNamespace() {
        Spec spec = SpecGenerator.generate(options().build(), withRange());

        assertThat(spec.linux().namespace(USER)).contains(Namespace.of(USER));
        assertThat(spec.linux().uidMappings()).containsExactly(new IdMapping(0, 1001, 1),
                new IdMapping(1, 200000, 65536));
        assertThat(spec.linux().gidMappings()).isEqualTo(spec.linux().uidMappings());
    }

    @Test
    void withoutARangeTheUserIsRootAndNothingElseIsMapped() {
        Spec spec = SpecGenerator.generate(options().build(), withoutRange());

        assertThat(spec.linux().uidMappings()).containsExactly(new IdMapping(0, 1001, 1));
        assertThat(spec.linux().gidMappings()).containsExactly(new IdMapping(0, 1001, 1));
        // devpts's gid=5 names an unmapped group; with a range it stays.
        assertThat(mount(spec, "/dev/pts").options()).noneMatch(o -> o.startsWith("gid="));
        assertThat(mount(SpecGenerator.generate(options().build(), withRange()), "/dev/pts").options())
                .contains("gid=5");
    }

    @Test
    void aUserOutsideTheMappingIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> SpecGenerator.generate(options().userSpec("1000:1000").build(), withoutRange()))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("user `1000:1000`: uid 1000 is not mapped")
                .hasMessageContaining("container uids 0 (only root: give the user a range in /etc/subuid");
        assertThat(SpecGenerator.generate(options().userSpec("1000:1000").build(), withRange()).process().user())
                .isEqualTo(User.of(1000, 1000));
    }

    @Test
    void runcRefusesAdditionalGroupsRootlessSoThereAreNone() {
        User user = SpecGenerator.generate(options().user(User.of(1000, 1000).withAdditionalGids(List.of(100L))).build(),
                withRange()).process().user();

        assertThat(user.additionalGids()).isEmpty();
    }

    @Test
    void theHostsUserNamespaceIsRootsOnly() {
        assertThatThrownBy(() -> SpecGenerator.generate(options().namespace(USER, "host").build(), withRange()))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("a rootless run needs a user namespace of its own");
    }

    @Test
    void noCniWithoutRootButLoopbackHostAndNone() {
        SpecOptions cni = options().network("net1").build();
        assertThatThrownBy(() -> SpecGenerator.network(cni, withRange())).hasMessageContaining("CNI networks need root");

        NetworkPlan plan = SpecGenerator.network(options().build(), withRange());
        assertThat(plan.configure()).as("a new network namespace with loopback only").isFalse();
        Spec spec = SpecGenerator.generate(options().build(), withRange());
        assertThat(spec.linux().namespace(NETWORK)).isPresent();
        assertThat(SpecGenerator.generate(options().network("host").build(), withRange()).linux().namespace(NETWORK))
                .isEmpty();
    }

    @Test
    void cgroupsAreLeftOutAndLimitsRefusedWithoutADelegatedCgroup() {
        Spec spec = SpecGenerator.generate(options().build(), withRange());
        assertThat(spec.linux().resources()).isNull();
        assertThat(spec.linux().cgroupsPath()).isNull();

        assertThatThrownBy(() -> SpecGenerator.generate(options().memory(1 << 26).build(), withRange()))
                .hasMessageContaining("resource limits need a cgroup the user can write");
        HostInfo delegated = Hosts.fake().withRootless(RootlessHost.of(1001, 1001, "a", RANGE, RANGE, true, true, true));
        assertThat(SpecGenerator.generate(options().memory(1 << 26).build(), delegated).linux().resources().memory())
                .isNotNull();
    }

    @Test
    void explicitMapsOfARootlessRunAreTranslated() {
        Spec spec = SpecGenerator.generate(options().uidMap(IdMaps.parse("uidmap", "0:1:1000")).build(), withRange());

        assertThat(spec.linux().uidMappings()).containsExactly(new IdMapping(0, 200000, 1000));
        assertThatThrownBy(() -> SpecGenerator.generate(options().uidMap(IdMaps.parse("uidmap", "0:0:2")).build(),
                withoutRange())).hasMessageContaining("it has 1 (uid 1001");
    }

    @Test
    void cgroupsAreWritableOnlyWhenTheUnifiedParentIsDelegated(@TempDir Path root) throws Exception {
        assertThat(RootlessHost.cgroupsWritable(root, "0::/user.slice/session.scope\n")).as("cgroup v1").isFalse();
        Files.createFile(root.resolve("cgroup.controllers"));
        Path parent = Files.createDirectories(root.resolve("user.slice"));
        Files.createFile(parent.resolve("cgroup.subtree_control"));
        assertThat(RootlessHost.cgroupsWritable(root, "0::/user.slice/session.scope\n")).isTrue();
        assertThat(RootlessHost.cgroupsWritable(root, "1:name=systemd:/x\n")).isFalse();
    }

    @Test
    void theEffectiveIdIsTheSecondOnTheStatusLine() {
        assertThat(HostInfo.statusId("Name:\tx\nUid:\t0\t1001\t1001\t1001\nGid:\t5\t6\t6\t6\n", "Uid:")).isEqualTo(1001);
        assertThat(HostInfo.statusId("Uid:\t0\t1001\t1001\t1001\nGid:\t5\t6\t6\t6\n", "Gid:")).isEqualTo(6);
    }

    private static Mount mount(Spec spec, String destination) {
        return spec.mounts().stream().filter(m -> m.destination().equals(destination)).findFirst().orElseThrow();
    }
}
