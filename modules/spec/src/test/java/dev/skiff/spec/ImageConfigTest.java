package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageConfigTest {
    private static final String FULL = """
            {
              "created": "2024-01-01T00:00:00Z",
              "architecture": "amd64",
              "os": "linux",
              "config": {
                "User": "app:staff",
                "ExposedPorts": {"80/tcp": {}},
                "Env": ["PATH=/app/bin:/usr/bin", "LANG=C.UTF-8"],
                "Entrypoint": ["/app/entry"],
                "Cmd": ["serve", "--port", "80"],
                "Volumes": {"/var/lib/app": {}, "/cache": {}},
                "WorkingDir": "/app",
                "Labels": {"z": "last", "a": "first"},
                "StopSignal": "SIGTERM"
              },
              "rootfs": {"type": "layers", "diff_ids": []},
              "history": []
            }""";

    @Test
    void readsTheFullImageConfig() {
        ImageConfig config = ImageConfig.parse(FULL, "test");

        assertThat(config.env()).containsExactly("PATH=/app/bin:/usr/bin", "LANG=C.UTF-8");
        assertThat(config.workingDir()).isEqualTo("/app");
        assertThat(config.user()).isEqualTo("app:staff");
        assertThat(config.volumes()).as("in the file's order").containsExactly("/var/lib/app", "/cache");
        assertThat(config.entrypoint()).containsExactly("/app/entry");
        assertThat(config.cmd()).containsExactly("serve", "--port", "80");
        assertThat(config.labels()).containsExactly(Map.entry("a", "first"), Map.entry("z", "last"));
        assertThat(config.command()).containsExactly("/app/entry", "serve", "--port", "80");
    }

    @Test
    void readsTheBareConfigObject() {
        ImageConfig config = ImageConfig.parse("{\"Env\": [\"A=1\"], \"Cmd\": [\"sh\"]}", "test");

        assertThat(config.env()).containsExactly("A=1");
        assertThat(config.command()).containsExactly("sh");
        assertThat(config.workingDir()).isNull();
        assertThat(config.volumes()).isEmpty();
    }

    @Test
    void nullsAndAbsentFieldsAreEmpty() {
        assertThat(ImageConfig.parse("{\"config\": null}", "test")).isEqualTo(ImageConfig.EMPTY);
        assertThat(ImageConfig.parse("{}", "test")).isEqualTo(ImageConfig.EMPTY);
        assertThat(ImageConfig.parse("{\"config\": {\"Env\": null, \"Volumes\": null}}", "test")).isEqualTo(ImageConfig.EMPTY);
    }

    @Test
    void anEmptyEntrypointMeansNone() {
        ImageConfig config = ImageConfig.parse("{\"Entrypoint\": [\"\"], \"Cmd\": [\"ls\"]}", "test");

        assertThat(config.command()).containsExactly("ls");
    }

    @Test
    void readsAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, FULL);

        assertThat(ImageConfig.read(file).workingDir()).isEqualTo("/app");
    }

    @Test
    void badConfigsNameTheFile(@TempDir Path dir) {
        assertThatThrownBy(() -> ImageConfig.parse("{", "f.json"))
                .isInstanceOf(SpecException.class).hasMessageStartingWith("image config `f.json`: not valid JSON: ");
        assertThatThrownBy(() -> ImageConfig.parse("[]", "f.json"))
                .isInstanceOf(SpecException.class).hasMessage("image config `f.json`: not a JSON object");
        assertThatThrownBy(() -> ImageConfig.parse("{\"config\": {\"Env\": \"A=1\"}}", "f.json"))
                .isInstanceOf(SpecException.class).hasMessageStartingWith("image config `f.json`: bad Env: ");
        assertThatThrownBy(() -> ImageConfig.parse("{\"Cmd\": [1]}", "f.json"))
                .isInstanceOf(SpecException.class).hasMessageStartingWith("image config `f.json`: bad Cmd: ");
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> ImageConfig.read(missing))
                .isInstanceOf(SpecException.class).hasMessageStartingWith("image config `" + missing + "`: cannot read: ");
    }

    @Test
    void entrypointAndCmdAreOptionalParts() {
        assertThat(new ImageConfig(null, null, null, null, List.of("/e"), null, null).command()).containsExactly("/e");
    }
}
