package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skiff.testkit.Fuzz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SpecWriter} against the databind mapper it replaced ({@link SpecJson}), byte for byte:
 * on the fixtures, on fuzzed documents read back as specs, on random records, and on the specs the
 * generator makes from random options.
 */
class SpecWriterTest {
    private static final Path SYSTEM_PROFILE = Path.of("/usr/share/containers/seccomp.json");

    @ParameterizedTest
    @ValueSource(strings = {"runc-1.1-spec.json", "runc-1.1-spec-rootless.json", "buildah-1.28-run.json", "full.json",
        "defaults.json"})
    void fixtures(String fixture) {
        assertSameBytes(Spec.fromJson(Fixtures.text(fixture)));
    }

    @Test
    void fuzzedDocuments() {
        List<Object> trees = new ArrayList<>();
        for (String fixture : List.of("runc-1.1-spec.json", "full.json", "buildah-1.28-run.json")) {
            trees.add(Fuzz.copy(tree(Fixtures.text(fixture))));
        }
        Fuzz.check("spec writer on fuzzed documents", Fuzz.nearValidJson(trees),
                text -> {
                    Spec spec = Spec.fromJson(text);
                    if (spec != null) { // the document "null"
                        assertSameBytes(spec);
                    }
                }, IllegalArgumentException.class);
    }

    @Test
    void randomRecords() {
        Fuzz.check("spec writer on random records", RandomSpecs::spec, SpecWriterTest::assertSameBytes);
    }

    @Test
    void generatedSpecs() {
        Fuzz.check("spec writer on generated specs", 250, RandomOptions::options,
                options -> assertSameBytes(SpecGenerator.generate(options.options(), options.host())),
                SpecException.class);
    }

    @Test
    void defaultsAndEmptyParts() {
        assertSameBytes(SpecDefaults.generate());
        assertSameBytes(new Spec(null, null, null, null, null, null, null, null, null, null));
        assertSameBytes(new Spec("", ProcessSpec.EMPTY, Root.of(""), "", "", List.of(), Hooks.EMPTY, Map.of(),
                Linux.EMPTY.withResources(Resources.EMPTY.withMemory(Memory.EMPTY).withCpu(Cpu.EMPTY)), Map.of()));
        assertSameBytes(SpecDefaults.generate().withProcess(p -> p.withCapabilities(Capabilities.EMPTY)));
        assertSameBytes(SpecDefaults.generate().withLinux(l -> l.withSeccomp(
                SeccompProfile.bundled().toOci(SpecDefaults.RUN_CAPABILITIES, "amd64", new KernelVersion(6, 1)))));
    }

    /** Values a caller may put in an extension map that are no JSON tree go through databind, as before. */
    @Test
    void extensionValuesThatAreNoJsonTree() {
        Map<String, Object> odd = new LinkedHashMap<>();
        odd.put("enum", NamespaceType.PID);
        odd.put("record", new Pids(5));
        odd.put("empty record", new Pids(0));
        odd.put("numbers as keys", new TreeMap<>(Map.of(2, "b", 1, "a")));
        odd.put("set", Set.of("x"));
        odd.put("float", 1.5f);
        odd.put("short", (short) 7);
        odd.put("nested", List.of(Map.of("enum", SeccompAction.ALLOW)));
        assertSameBytes(new Spec("1", null, null, null, null, null, null, null, Linux.EMPTY.withPersonality(
                new Personality("LINUX", List.of())), odd));
    }

    @Test
    void aNullExtensionKeyFailsAsBefore() {
        Map<String, Object> nullKey = new LinkedHashMap<>();
        nullKey.put(null, "x");
        Spec spec = new Spec("1", null, null, null, null, null, null, null, null, nullKey);

        assertThatThrownBy(() -> SpecJson.MAPPER.writeValueAsString(spec)).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(spec::toJson).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot serialise OCI spec");
    }

    /** Throws an AssertionError naming the first difference. */
    static void assertSameBytes(Spec spec) {
        String expected;
        try {
            expected = SpecJson.MAPPER.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new AssertionError("databind could not write the spec", e);
        }
        String actual = spec.toJson();
        if (!actual.equals(expected)) {
            int at = 0;
            while (at < Math.min(actual.length(), expected.length()) && actual.charAt(at) == expected.charAt(at)) {
                at++;
            }
            int from = Math.max(0, at - 80);
            throw new AssertionError("differs at " + at + ": expected ..." + Fuzz.show(expected.substring(from,
                    Math.min(expected.length(), at + 80))) + " but was ..." + Fuzz.show(actual.substring(from,
                    Math.min(actual.length(), at + 80))));
        }
    }

    private static Object tree(String json) {
        try {
            return Fixtures.PLAIN.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** Options and a host for the generator, each drawn from the values its tests use. */
    record RandomOptions(SpecOptions options, HostInfo host) {
        static RandomOptions options(Random r) {
            SpecOptions.Builder b = SpecOptions.builder().args(pick(r, List.of("true"), List.of("sh", "-c", "echo \"$A\"")))
                    .containerId("0123456789abcdef0123");
            for (int i = r.nextInt(8); i > 0; i--) {
                option(r, b);
            }
            return new RandomOptions(b.build(), host(r));
        }

        private static void option(Random r, SpecOptions.Builder b) {
            switch (r.nextInt(22)) {
                case 0 -> b.env(pick(r, "A=1", "B=", "LANG=C.UTF-8", "PATH=/x", "NOVALUE", "é=\u0000"));
                case 1 -> b.cwd(pick(r, "/tmp", "/", "/a b"));
                case 2 -> b.hostname(pick(r, "box", ""));
                case 3 -> b.rootfs(pick(r, "/var/lib/skiff/rootfs", "rootfs"));
                case 4 -> b.user(User.of(r.nextInt(3) * 1000L, 4294967294L).withAdditionalGids(List.of(5L)));
                case 5 -> b.terminal(r.nextBoolean()).consoleSize(new ConsoleSize(r.nextInt(50), r.nextInt(200)));
                case 6 -> b.capAdd(pick(r, "net_admin", "ALL", "CAP_SYS_ADMIN", "bpf"));
                case 7 -> b.capDrop(pick(r, "ALL", "chown", "CAP_SYS_CHROOT", "net_raw"));
                case 8 -> b.ulimit(pick(r, "nofile=1024:2048", "core=unlimited", "nproc=-1", "memlock=0:0"));
                case 9 -> b.memory(pick(r, 1L << 20, 1L << 30)).memorySwap(pick(r, -1L, 1L << 31));
                case 10 -> b.cpuPeriod(100000).cpuQuota(pick(r, 50000L, -1L)).cpuShares(pick(r, 2L, 1024L));
                case 11 -> b.cpusetCpus("0-1").cpusetMems("0");
                case 12 -> b.cgroupParent(pick(r, "machine.slice", "/skiff"));
                case 13 -> b.seccomp(pick(r, SeccompOption.DEFAULT, SeccompOption.UNCONFINED));
                case 14 -> b.apparmorProfile(pick(r, "unconfined", ""));
                case 15 -> b.noNewPrivileges(r.nextBoolean());
                case 16 -> b.namespace(pick(r, NamespaceType.values()), pick(r, "host", "private", "ns:/proc/1/ns/net"));
                case 17 -> b.network(pick(r, "none", "host", "private"));
                case 18 -> b.uidMap(List.of(new IdMapping(0, 100000, 65536))).gidMap(List.of(new IdMapping(0, 100000, 65536)));
                case 19 -> b.maskedPath("/proc/secret").readonlyPath("/proc/ro");
                case 20 -> b.imageConfig(new ImageConfig(List.of("IMG=1", "PATH=/app"), pick(r, "/app", null), null,
                        List.of("/data"), List.of("/entry"), List.of("serve"), Map.of("label", "x")));
                default -> b.defaultCapabilities(List.of("CAP_CHOWN", "CAP_KILL"));
            }
        }

        private static HostInfo host(Random r) {
            HostInfo host = Hosts.fake();
            if (r.nextBoolean()) {
                host = Hosts.withCgroup2(host);
            }
            if (r.nextBoolean() && Files.isRegularFile(SYSTEM_PROFILE)) {
                host = Hosts.withSeccompProfile(host, SYSTEM_PROFILE);
            }
            if (r.nextInt(4) == 0) {
                List<SubordinateIds.Range> range = List.of(new SubordinateIds.Range(200000, 65536));
                host = host.withRootless(RootlessHost.of(1001, 1001, "alice", range, range, true, true, r.nextBoolean()));
            }
            if (r.nextInt(8) == 0) {
                host = new HostInfo(host.boundingSet(), host.uidMap(), host.gidMap(), "arm64", new KernelVersion(4, 4),
                        OptionalLong.empty(), host.cgroup2(), Set.of(), host.maskedPaths(), Optional.empty());
            }
            return host;
        }

        @SafeVarargs
        private static <T> T pick(Random r, T... values) {
            return values[r.nextInt(values.length)];
        }
    }
}
