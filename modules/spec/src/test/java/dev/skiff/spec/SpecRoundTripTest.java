package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading then writing a real config.json changes nothing. The fixtures are the outputs of
 * {@code runc spec} and {@code runc spec --rootless} (runc 1.1.5), the config buildah 1.28 handed
 * runc for a {@code buildah run} (compact, with its seccomp profile), and a hand-written file that
 * sets every field the model knows plus some it does not.
 */
class SpecRoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {"runc-1.1-spec.json", "runc-1.1-spec-rootless.json", "buildah-1.28-run.json", "full.json"})
    void roundTripKeepsTheJsonTree(String fixture) {
        String original = Fixtures.text(fixture);

        String written = Spec.fromJson(original).toJson();

        assertThat(Fixtures.tree(written)).isEqualTo(Fixtures.tree(original));
    }

    /** The tab-indented fixtures are Go's MarshalIndent output: ours must match it byte for byte. */
    @ParameterizedTest
    @ValueSource(strings = {"runc-1.1-spec.json", "runc-1.1-spec-rootless.json", "full.json"})
    void roundTripKeepsTheTextOfGoIndentedFiles(String fixture) {
        String original = Fixtures.text(fixture);

        assertThat(Spec.fromJson(original).toJson()).isEqualTo(original);
    }

    @Test
    void compactFileIsPrintedInTheSpecOrder() throws IOException {
        String original = Fixtures.text("buildah-1.28-run.json");
        String goIndented = Fixtures.PLAIN.writer(SpecJson.MAPPER.getSerializationConfig().getDefaultPrettyPrinter())
                .writeValueAsString(Fixtures.tree(original));

        assertThat(Spec.fromJson(original).toJson()).isEqualTo(goIndented);
    }

    @Test
    void readsWhatWriteWrote(@TempDir Path dir) throws IOException {
        Spec spec = Spec.fromJson(Fixtures.text("full.json"));
        Path config = dir.resolve("config.json");

        spec.write(config);

        assertThat(Spec.read(config)).isEqualTo(spec);
        assertThat(Files.readString(config)).isEqualTo(spec.toJson());
    }

    @Test
    void fullFixtureReachesEveryRecord() {
        Spec spec = Spec.fromJson(Fixtures.text("full.json"));

        assertThat(spec.process().user().additionalGids()).containsExactly(5L, 4294967294L);
        assertThat(spec.process().rlimits().get(1).hard()).isEqualTo(-1L);
        assertThat(spec.process().extensions()).containsOnlyKeys("scheduler", "ioPriority");
        assertThat(spec.linux().namespace(NamespaceType.NETWORK))
                .contains(Namespace.join(NamespaceType.NETWORK, "/run/netns/skiff-c1"));
        assertThat(spec.linux().resources().memory().swap()).isEqualTo(-1L);
        assertThat(spec.linux().resources().blockIO().throttleWriteBpsDevice().getFirst().rate()).isEqualTo(-1L);
        assertThat(spec.linux().resources().extensions()).containsOnlyKeys("rdma");
        assertThat(spec.linux().seccomp().syscalls().get(3).args().getFirst().valueTwo())
                .isEqualTo(Long.parseUnsignedLong("18446744073709551104"));
        assertThat(spec.linux().seccomp().syscalls()).extracting(Syscall::action).contains(SeccompAction.NOTIFY);
        assertThat(spec.linux().extensions()).containsOnlyKeys("timeOffsets");
        assertThat(spec.extensions()).containsOnlyKeys("vm");
        assertThat(spec.hooks().createRuntime().getFirst().timeout()).isEqualTo(10);
    }
}
