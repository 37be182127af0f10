package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecGeneratorTest {
    private final HostInfo host = Hosts.fake();

    private static SpecOptions.Builder options() {
        return SpecOptions.builder().args("/bin/true").containerId("1f9037b9f69d0123456789");
    }

    private Spec generate(SpecOptions.Builder options) {
        return SpecGenerator.generate(options.build(), host);
    }

    @Test
    void defaultsAreBuildahsRun() {
        Spec spec = generate(options().rootfs("/var/lib/skiff/c/rootfs"));
        ProcessSpec p = spec.process();

        assertThat(spec.root().path()).isEqualTo("/var/lib/skiff/c/rootfs");
        assertThat(spec.hostname()).isEqualTo("1f9037b9f69d");
        assertThat(p.args()).containsExactly("/bin/true");
        assertThat(p.env()).containsExactly("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "HOSTNAME=1f9037b9f69d");
        assertThat(p.cwd()).isEqualTo("/");
        assertThat(p.user()).isEqualTo(new User(0, 0, null, List.of(0L), null));
        assertThat(p.terminal()).isFalse();
        assertThat(p.capabilities()).isEqualTo(CapabilitySets.forRoot(SpecDefaults.RUN_CAPABILITIES));
        assertThat(p.rlimits()).containsExactly(new Rlimit("RLIMIT_NOFILE", 1024, 1024), new Rlimit("RLIMIT_NPROC", 32768, 32768));
        assertThat(spec.linux().sysctl()).containsExactly(Map.entry("net.ipv4.ping_group_range", "0 0"));
        assertThat(spec.linux().seccomp().architectures()).containsExactly("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");
        assertThat(spec.linux().maskedPaths()).isEqualTo(SpecDefaults.MASKED_PATHS);
        assertThat(spec.linux().readonlyPaths()).isEqualTo(SpecDefaults.READONLY_PATHS);
        assertThat(spec.linux().resources()).isEqualTo(SpecDefaults.generate().linux().resources());
        assertThat(spec.linux().cgroupsPath()).isNull();
    }

    /**
     * Field by field against a config.json buildah 1.28 wrote for {@code buildah run CTR
     * /bin/true}, except what this module's README lists as deliberate differences.
     */
    @Test
    void matchesTheRecordedBuildahConfig() throws IOException {
        Spec buildah = Spec.fromJson(Fixtures.text("buildah-1.28-run.json"));
        Path system = Path.of("/usr/share/containers/seccomp.json");
        HostInfo recordedHost = Files.isRegularFile(system) ? Hosts.withSeccompProfile(host, system) : host;
        Spec ours = SpecGenerator.generate(options().rootfs(buildah.root().path()).build(), recordedHost);

        assertThat(ours.process().withCapabilities(null)).isEqualTo(buildah.process().withCapabilities(null));
        Capabilities caps = buildah.process().capabilities();
        assertThat(ours.process().capabilities()).isEqualTo(caps.withAmbient(List.of()));
        assertThat(ours.hostname()).isEqualTo(buildah.hostname());
        assertThat(ours.linux().namespaces()).isEqualTo(buildah.linux().namespaces());
        assertThat(ours.linux().sysctl()).isEqualTo(buildah.linux().sysctl());
        assertThat(ours.linux().resources()).isEqualTo(buildah.linux().resources());
        assertThat(ours.linux().readonlyPaths()).isEqualTo(buildah.linux().readonlyPaths());
        assertThat(ours.linux().maskedPaths()).as("today's list").containsAll(List.of("/proc/acpi", "/proc/kcore",
                "/proc/keys", "/sys/firmware", "/sys/fs/selinux"));
        if (recordedHost != host) {
            assertThat(ours.linux().seccomp().syscalls()).as("and the keyring calls' own rule")
                    .hasSize(buildah.linux().seccomp().syscalls().size() + 1);
        }
    }

    @Test
    void envIsDefaultThenImageThenRunEachNameOnce() {
        ImageConfig image = new ImageConfig(List.of("PATH=/app/bin", "LANG=C", "NOVALUE"), null, null, null, null, null, null);
        Spec spec = generate(options().imageConfig(image).env("LANG=C.UTF-8").env("A=1").env("B").env("A=2"));

        assertThat(spec.process().env()).containsExactly("PATH=/app/bin", "LANG=C.UTF-8", "A=2", "HOSTNAME=1f9037b9f69d");
    }

    @Test
    void aGivenHostnameVariableIsKept() {
        assertThat(generate(options().env("HOSTNAME=mine").hostname("box")).process().env()).contains("HOSTNAME=mine")
                .doesNotContain("HOSTNAME=box");
    }

    @Test
    void hostnameNeedsANewUtsNamespaceAndIsIgnoredOtherwiseAsInBuildah() {
        Spec own = generate(options().hostname("box"));
        assertThat(own.hostname()).isEqualTo("box");
        assertThat(own.process().env()).contains("HOSTNAME=box");

        Spec host = generate(options().hostname("box").namespace(NamespaceType.UTS, "host"));
        assertThat(host.hostname()).isNull();
        assertThat(host.process().env()).contains("HOSTNAME=");
    }

    @Test
    void cwdIsTheRunsThenTheImagesThenRoot() {
        ImageConfig image = new ImageConfig(null, "/app", null, null, null, null, null);

        assertThat(generate(options().imageConfig(image)).process().cwd()).isEqualTo("/app");
        assertThat(generate(options().imageConfig(image).cwd("/tmp")).process().cwd()).isEqualTo("/tmp");
    }

    @Test
    void numericUserSpecsNeedNoLookup() {
        assertThat(generate(options().userSpec("1000")).process().user()).isEqualTo(new User(1000, 0, null, List.of(0L), null));
        assertThat(generate(options().userSpec("1000:5")).process().user()).isEqualTo(new User(1000, 5, null, List.of(5L), null));
        ImageConfig image = new ImageConfig(null, null, "7:8", null, null, null, null);
        assertThat(generate(options().imageConfig(image)).process().user().uid()).isEqualTo(7);
        assertThatThrownBy(() -> generate(options().userSpec("nobody")))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("user `nobody`: names must be resolved in the rootfs first");
    }

    @Test
    void aResolvedUserGetsItsPrimaryGroupFirstAmongTheAdditionalOnes() {
        User resolved = new User(1000, 100, null, List.of(10L, 100L, 20L), null);

        assertThat(generate(options().userSpec("skiff").user(resolved)).process().user().additionalGids())
                .containsExactly(100L, 10L, 20L);
    }

    @Test
    void aNonRootUserKeepsOnlyTheBoundingSet() {
        Capabilities caps = generate(options().userSpec("1000:1000").capAdd("NET_RAW")).process().capabilities();

        assertThat(caps.bounding()).contains("CAP_CHOWN", "CAP_NET_RAW");
        assertThat(caps.effective()).isEmpty();
        assertThat(caps.permitted()).isEmpty();
        assertThat(caps.inheritable()).isEmpty();
        assertThat(caps.ambient()).isEmpty();
    }

    @Test
    void capabilityRoundsAndAll() {
        Capabilities caps = generate(options().builderCapAdd("SYS_ADMIN").builderCapDrop("chown")
                .capAdd("CAP_CHOWN", "net_admin").capDrop("SYS_ADMIN", "KILL")).process().capabilities();
        assertThat(caps.bounding()).contains("CAP_CHOWN", "CAP_NET_ADMIN").doesNotContain("CAP_SYS_ADMIN", "CAP_KILL");

        List<String> all = generate(options().capAdd("all")).process().capabilities().bounding();
        assertThat(all).hasSize(Capability.values().length - 1).doesNotContain("CAP_SYS_RESOURCE");
        assertThat(generate(options().capDrop("ALL")).process().capabilities().bounding()).isEmpty();
    }

    @Test
    void seccompFollowsTheCapabilities() {
        Spec plain = generate(options());
        Spec admin = generate(options().capAdd("SYS_ADMIN"));

        assertThat(SystemSeccompProfileTest.allowed(plain.linux().seccomp())).doesNotContain("mount");
        assertThat(SystemSeccompProfileTest.allowed(admin.linux().seccomp())).contains("mount");
    }

    /** A container without its own user namespace shares the host's keyrings: the default filter refuses them. */
    @Test
    void theDefaultFilterRefusesTheKeyringCallsAGivenProfileDecidesForItself(@TempDir Path dir) throws IOException {
        Path allowing = Files.writeString(dir.resolve("system.json"), """
                {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 38,
                 "syscalls": [{"names": ["read", "keyctl"], "action": "SCMP_ACT_ALLOW"}]}""");
        Seccomp byDefault = SpecGenerator.generate(options().build(), Hosts.withSeccompProfile(host, allowing))
                .linux().seccomp();
        assertThat(byDefault.syscalls()).containsExactly(
                new Syscall(List.of("read"), SeccompAction.ALLOW, null, List.of()),
                new Syscall(SpecGenerator.KEYRING_CALLS, SeccompAction.ERRNO, 1, List.of()));

        Seccomp given = generate(options().seccomp(SeccompOption.profile(allowing))).linux().seccomp();
        assertThat(SystemSeccompProfileTest.allowed(given)).containsExactly("read", "keyctl");
    }

    @Test
    void seccompUnconfinedOrAProfileFile(@TempDir Path dir) throws IOException {
        assertThat(generate(options().seccomp(SeccompOption.UNCONFINED)).linux().seccomp()).isNull();

        Path file = dir.resolve("p.json");
        Files.writeString(file, "{\"defaultAction\": \"SCMP_ACT_LOG\", \"syscalls\": []}");
        assertThat(generate(options().seccomp(SeccompOption.profile(file))).linux().seccomp().defaultAction())
                .isEqualTo(SeccompAction.LOG);
        assertThat(generate(options().seccomp(SeccompOption.parse(file.toString()))).linux().seccomp()).isNotNull();

        Files.writeString(file, "{\"defaultAction\": \"SCMP_ACT_LOG\", \"syscalls\": [{\"names\": [\"x\"], \"action\": \"nope\"}]}");
        assertThatThrownBy(() -> generate(options().seccomp(SeccompOption.profile(file))))
                .isInstanceOf(SpecException.class)
                .hasMessage("seccomp profile `" + file + "`: syscalls[0].action: unknown action `nope`");
    }

    @Test
    void theSystemsProfileIsTheDefaultWhenThereIsOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("seccomp.json");
        Files.writeString(file, "{\"defaultAction\": \"SCMP_ACT_TRAP\", \"syscalls\": []}");

        Spec spec = SpecGenerator.generate(options().build(), Hosts.withSeccompProfile(host, file));
        assertThat(spec.linux().seccomp().defaultAction()).isEqualTo(SeccompAction.TRAP);
    }

    @Test
    void ulimitsReplaceTheDefaultsByTypeAndAppendTheRest() {
        Spec spec = generate(options().ulimit("nofile=100:200").ulimit("nproc=5").ulimit("core=-1"));

        assertThat(spec.process().rlimits()).containsExactly(new Rlimit("RLIMIT_NOFILE", 200, 100),
                new Rlimit("RLIMIT_NPROC", 5, 5), new Rlimit("RLIMIT_CORE", -1, -1));
    }

    @Test
    void withoutADefaultNprocOnlyNofileIsSet() {
        HostInfo limited = new HostInfo(host.boundingSet(), host.uidMap(), host.gidMap(), "amd64", host.kernel(),
                OptionalLong.empty(), false, host.sysctls(), host.maskedPaths(), Optional.empty());

        assertThat(SpecGenerator.generate(options().build(), limited).process().rlimits())
                .containsExactly(new Rlimit("RLIMIT_NOFILE", 1024, 1024));
    }

    @Test
    void resourcesAndCgroupParent() {
        Spec spec = generate(options().memory(512L << 20).memorySwap(1L << 30).cpuPeriod(100000).cpuQuota(50000)
                .cpuShares(512).cpusetCpus("0-3,7").cpusetMems("0").cgroupParent("skiff.slice"));
        Resources r = spec.linux().resources();

        assertThat(r.memory()).isEqualTo(Memory.EMPTY.withLimit(536870912L).withSwap(1073741824L));
        assertThat(r.cpu()).isEqualTo(Cpu.EMPTY.withShares(512L).withQuota(50000L).withPeriod(100000L).withCpus("0-3,7")
                .withMems("0"));
        assertThat(r.devices()).containsExactly(DeviceCgroup.DENY_ALL);
        assertThat(spec.linux().cgroupsPath()).isEqualTo("skiff.slice");
    }

    @Test
    void zeroResourcesAreLeftOutAsInBuildah() {
        Resources r = generate(options().memory(0).cpuShares(0).memorySwap(-1)).linux().resources();

        assertThat(r.memory()).isEqualTo(Memory.EMPTY.withSwap(-1L));
        assertThat(r.cpu()).isNull();
    }

    @Test
    void securityOptionsAndTerminal() {
        ProcessSpec p = generate(options().apparmorProfile("skiff-default").noNewPrivileges(true).terminal(true)
                .consoleSize(new ConsoleSize(24, 80))).process();

        assertThat(p.apparmorProfile()).isEqualTo("skiff-default");
        assertThat(p.noNewPrivileges()).isTrue();
        assertThat(p.terminal()).isTrue();
        assertThat(p.consoleSize()).isEqualTo(new ConsoleSize(24, 80));
        assertThat(generate(options().consoleSize(new ConsoleSize(24, 80))).process().consoleSize())
                .as("only with a terminal").isNull();
    }

    @Test
    void networkSysctlsOnlyForAConfiguredNetwork() {
        assertThat(generate(options().network("host")).linux().sysctl()).isEmpty();
        assertThat(generate(options().network("none")).linux().sysctl()).isEmpty();
        assertThat(generate(options().network("a,b")).linux().sysctl()).containsKey("net.ipv4.ping_group_range");
        HostInfo without = new HostInfo(host.boundingSet(), host.uidMap(), host.gidMap(), "amd64", host.kernel(),
                host.defaultNproc(), false, java.util.Set.of(), host.maskedPaths(), Optional.empty());
        assertThat(SpecGenerator.generate(options().build(), without).linux().sysctl()).isEmpty();
    }

    @Test
    void networkPlanComesWithTheNamespaces() {
        assertThat(SpecGenerator.network(options().network("a,b").build(), host)).isEqualTo(new NetworkPlan(true, List.of("a", "b")));
        assertThat(SpecGenerator.network(options().network("host").build(), host)).isEqualTo(new NetworkPlan(false, List.of()));
        assertThat(SpecGenerator.network(options().build(), host)).isEqualTo(new NetworkPlan(true, List.of()));
    }

    @Test
    void userNamespaceMappingsReachTheSpec() {
        Spec spec = generate(options().uidMap(IdMaps.parse("uidmap", "0:100000:65536"))
                .gidMap(IdMaps.parse("gidmap", "0:200000:65536")));

        assertThat(spec.linux().uidMappings()).containsExactly(new IdMapping(0, 100000, 65536));
        assertThat(spec.linux().gidMappings()).containsExactly(new IdMapping(0, 200000, 65536));
        assertThat(spec.linux().namespace(NamespaceType.USER)).contains(Namespace.of(NamespaceType.USER));
    }

    @Test
    void maskedAndReadonlyPathsAreAddedOnce() {
        Spec spec = generate(options().maskedPath("/proc/secret").maskedPath("/proc/kcore").readonlyPath("/proc/x"));

        assertThat(spec.linux().maskedPaths()).endsWith("/proc/secret").containsOnlyOnce("/proc/kcore");
        assertThat(spec.linux().readonlyPaths()).endsWith("/proc/x");
    }

    @Test
    void aCommandIsRequired() {
        assertThatThrownBy(() -> SpecGenerator.generate(SpecOptions.builder().build(), host))
                .isInstanceOf(SpecException.class)
                .hasMessage("a command is required");
    }

    @Test
    void theImagesCommandIsAvailableExplicitly() {
        ImageConfig image = new ImageConfig(null, null, null, null, List.of("/entry"), List.of("serve"), null);

        assertThat(generate(SpecOptions.builder().imageConfig(image).args(image.command())).process().args())
                .containsExactly("/entry", "serve");
    }

    @Test
    void theResultSurvivesJson() {
        Spec spec = generate(options().ulimit("core=-1").uidMap(Hosts.INITIAL_MAP).capAdd("ALL"));

        assertThat(Spec.fromJson(spec.toJson())).isEqualTo(spec);
    }
}
