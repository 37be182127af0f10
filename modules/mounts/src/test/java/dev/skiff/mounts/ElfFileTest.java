package dev.skiff.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfFileTest {
    @TempDir
    Path tmp;

    @Test
    void staticBusyboxHasNoInterpreter() throws IOException {
        assertThat(ElfFile.isStaticallyLinked(HostBusybox.require())).isTrue();
    }

    @Test
    void theJavaLauncherIsDynamic() throws IOException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        assertThat(ElfFile.isStaticallyLinked(java)).isFalse();
    }

    @Test
    void rejectsNonElfAndTruncatedFiles() throws IOException {
        Path script = Files.writeString(tmp.resolve("script"), "#!/bin/sh\necho this is long enough to be a header, surely it is\n");
        assertThatThrownBy(() -> ElfFile.isStaticallyLinked(script)).hasMessageContaining("not an ELF file");

        byte[] head = Arrays.copyOf(Files.readAllBytes(HostBusybox.require()), 64);
        Path truncated = Files.write(tmp.resolve("truncated"), head);
        assertThatThrownBy(() -> ElfFile.isStaticallyLinked(truncated)).isInstanceOf(EOFException.class);
    }
}
