package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What Go's omitempty leaves out is left out; what it prints (zeros, {@code allow: false}) stays. */
class JsonOmissionTest {

    @Test
    void emptyValuesAreOmittedAllTheWayDown() {
        Spec spec = new Spec("1.0.2-dev",
                ProcessSpec.EMPTY.withCapabilities(null).withConsoleSize(null).withCwd(""),
                Root.of(""),
                "",
                null,
                List.of(),
                Hooks.EMPTY,
                Map.of(),
                Linux.EMPTY
                        .withResources(Resources.EMPTY.withMemory(Memory.EMPTY).withCpu(Cpu.EMPTY)
                                .withBlockIO(new BlockIo(null, null, null, null, null, null, null)))
                        .withSeccomp(new Seccomp(null, null, List.of(), null, "", null, List.of(), Map.of()))
                        .withPersonality(new Personality(null, List.of())),
                Map.of());

        JsonNode tree = Fixtures.tree(spec.toJson());

        assertThat(emptyOrNullNodes(tree, "$")).isEmpty();
        assertThat(tree.fieldNames()).toIterable().containsExactly("ociVersion", "process");
        assertThat(tree.get("process").fieldNames()).toIterable().containsExactly("user");
    }

    /** Dropping every capability must not read as "capabilities not specified". */
    @Test
    void emptyCapabilitiesArePrintedAsAnEmptyObject() {
        JsonNode tree = Fixtures.tree(SpecDefaults.generate().withProcess(p -> p.withCapabilities(Capabilities.EMPTY)).toJson());

        assertThat(tree.at("/process/capabilities").isObject()).isTrue();
        assertThat(tree.at("/process/capabilities").size()).isZero();
        assertThat(Spec.fromJson(SpecDefaults.generate().withProcess(p -> p.withCapabilities(Capabilities.EMPTY)).toJson())
                .process().capabilities()).isEqualTo(Capabilities.EMPTY);
    }

    @Test
    void falseIsOmittedWhereGoSaysOmitempty() {
        Spec spec = SpecDefaults.generate()
                .withRoot(new Root("rootfs", false))
                .withProcess(p -> p.withTerminal(false).withNoNewPrivileges(false));

        JsonNode tree = Fixtures.tree(spec.toJson());

        assertThat(tree.get("root").has("readonly")).isFalse();
        assertThat(tree.get("process").has("terminal")).isFalse();
        assertThat(tree.get("process").has("noNewPrivileges")).isFalse();
        assertThat(tree.at("/linux/resources/devices/0/allow").isBoolean()).isTrue();
        assertThat(tree.at("/linux/resources/devices/0/allow").booleanValue()).isFalse();
    }

    @Test
    void trueIsPrinted() {
        JsonNode tree = Fixtures.tree(SpecDefaults.generate()
                .withRoot(new Root("rootfs", true))
                .withProcess(p -> p.withTerminal(true).withNoNewPrivileges(true))
                .toJson());

        assertThat(tree.at("/root/readonly").booleanValue()).isTrue();
        assertThat(tree.at("/process/terminal").booleanValue()).isTrue();
        assertThat(tree.at("/process/noNewPrivileges").booleanValue()).isTrue();
    }

    @Test
    void zeroIsPrintedUnlessGoOmitsIt() {
        Spec spec = SpecDefaults.generate().withLinux(linux -> linux
                .withResources(linux.resources().withMemory(Memory.EMPTY.withSwappiness(0L).withDisableOOMKiller(false))
                        .withPids(new Pids(0)))
                .withSeccomp(new Seccomp(SeccompAction.ALLOW, 0, null, null, null, null,
                        List.of(new Syscall(List.of("clone"), SeccompAction.ERRNO, 0,
                                List.of(SeccompArg.of(0, 0, SeccompOperator.MASKED_EQ)))),
                        null)));

        JsonNode tree = Fixtures.tree(spec.toJson());

        assertThat(tree.at("/linux/resources/memory/swappiness").isNumber()).isTrue();
        assertThat(tree.at("/linux/resources/memory/disableOOMKiller").isBoolean()).isTrue();
        assertThat(tree.at("/linux/resources/pids/limit").asLong(-1)).isZero();
        assertThat(tree.at("/linux/seccomp/defaultErrnoRet").isNumber()).isTrue();
        JsonNode arg = tree.at("/linux/seccomp/syscalls/0/args/0");
        assertThat(arg.fieldNames()).toIterable().containsExactly("index", "value", "op");
        assertThat(tree.at("/process/user").fieldNames()).toIterable().containsExactly("uid", "gid");
    }

    @Test
    void annotationsWithEmptyValuesAreKept() {
        JsonNode tree = Fixtures.tree(SpecDefaults.generate().withAnnotation("b", "").withAnnotation("a", "1").toJson());

        assertThat(tree.get("annotations").fieldNames()).toIterable().containsExactly("a", "b");
        assertThat(tree.at("/annotations/b").asText("x")).isEmpty();
    }

    private static List<String> emptyOrNullNodes(JsonNode node, String path) {
        List<String> found = new ArrayList<>();
        if (node.isNull() || (node.isContainerNode() && node.isEmpty())) {
            found.add(path);
        }
        node.properties().forEach(field -> found.addAll(emptyOrNullNodes(field.getValue(), path + "." + field.getKey())));
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            found.addAll(emptyOrNullNodes(node.get(i), path + "[" + i + "]"));
        }
        return found;
    }
}
