package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecFilesTest {

    @Test
    void writeReplacesAtomicallyAndLeavesNoTemporaryFile(@TempDir Path bundle) throws IOException {
        Path config = bundle.resolve("config.json");
        Files.writeString(config, "old");

        SpecDefaults.generate().write(config);

        try (var files = Files.list(bundle)) {
            assertThat(files).containsExactly(config);
        }
        assertThat(Spec.read(config)).isEqualTo(SpecDefaults.generate());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
    }

    @Test
    void failedWriteLeavesNoTemporaryFile(@TempDir Path bundle) throws IOException {
        Path directoryInTheWay = Files.createDirectories(bundle.resolve("config.json").resolve("sub"));

        assertThatThrownBy(() -> SpecDefaults.generate().write(directoryInTheWay.getParent()))
                .isInstanceOf(IOException.class);
        try (var files = Files.list(bundle)) {
            assertThat(files).containsExactly(bundle.resolve("config.json"));
        }
    }

    @Test
    void readErrorsNameTheFile(@TempDir Path bundle) throws IOException {
        Path config = Files.writeString(bundle.resolve("config.json"), "{\"process\": [}");

        assertThatThrownBy(() -> Spec.read(config)).isInstanceOf(IOException.class).hasMessageContaining(config.toString());
        assertThatThrownBy(() -> Spec.read(bundle.resolve("missing.json"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void unknownPropertiesDoNotFailReading() {
        Spec spec = Spec.fromJson("""
                {"ociVersion": "1.2.0", "mounts": [{"destination": "/x", "futureOption": true}],
                 "process": {"user": {"uid": 0, "gid": 0, "futureId": 3}, "cwd": "/", "execCPUAffinity": {"initial": "0"}}}""");

        assertThat(spec.mounts().getFirst().destination()).isEqualTo("/x");
        assertThat(spec.process().extensions()).containsKey("execCPUAffinity");
    }
}
