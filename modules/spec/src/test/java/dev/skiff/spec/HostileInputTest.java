package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs the fuzz tests found that once escaped as other exceptions; each is now a SpecException. */
class HostileInputTest {

    /** JSON nulls inside lists reached List.copyOf (NullPointerException) before their checks. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [null]}|syscalls[0]: null",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"archMap\": [null]}|archMap[0]: null",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": [null]}|architectures[0]",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"flags\": [null]}|flags[0]: null",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [null], \"action\": \"SCMP_ACT_ALLOW\"}]}"
                + "|syscalls[0].names",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\","
                + " \"args\": [null]}]}|syscalls[0].args[0]: null",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\","
                + " \"includes\": {\"arches\": [null]}}]}|syscalls[0].includes.arches[0]: null",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\","
                + " \"excludes\": {\"caps\": [null]}}]}|syscalls[0].excludes.caps[0]: null"})
    void nullItemsInSeccompProfileLists(String example) {
        String[] parts = example.split("\\|");
        assertThatThrownBy(() -> SeccompProfile.parse(
                new ByteArrayInputStream(parts[0].getBytes(StandardCharsets.UTF_8)), "p.json"))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(parts[1]);
    }

    @Test
    void nullItemsInASeccompProfileFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.json");
        Files.writeString(file, "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [null]}");
        assertThatThrownBy(() -> SeccompProfile.read(file)).isInstanceOf(SpecException.class)
                .hasMessage("seccomp profile `" + file + "`: syscalls[0]: null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Env", "Entrypoint", "Cmd"})
    void nullItemsInImageConfigLists(String field) {
        assertThatThrownBy(() -> ImageConfig.parse("{\"config\": {\"" + field + "\": [\"a\", null]}}", "c.json"))
                .isInstanceOf(SpecException.class)
                .hasMessage("image config `c.json`: bad " + field + ": null in the list");
    }

    /** Path.of refused these with InvalidPathException, an IllegalArgumentException but not the module's own. */
    @Test
    void seccompOptionThatIsNoPath() {
        assertThatThrownBy(() -> SeccompOption.parse("/etc/a\0b.json")).isInstanceOf(SpecException.class)
                .hasMessageStartingWith("seccomp `/etc/a\0b.json`: not a path");
    }
}
