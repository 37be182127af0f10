package dev.skiff.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.libc.Processes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerDirsTest {
    @Test
    void layout() {
        ContainerDirs dirs = new ContainerDirs(Path.of("/var/lib/skiff"), "web-1");

        assertThat(dirs.containerDir()).isEqualTo(Path.of("/var/lib/skiff/containers/web-1"));
        assertThat(dirs.volumesDir()).isEqualTo(Path.of("/var/lib/skiff/containers/web-1/volumes"));
        // printf /data | sha256sum
        assertThat(dirs.imageVolumeDir("/data")).isEqualTo(Path.of("/var/lib/skiff/containers/web-1/volumes/"
                + "bd47413b5c03dfc6e4b5b8143fe205eae10ecaf0c28b426be98d74cff48c7453"));
        assertThat(dirs.imageVolumeDir("/data/")).isEqualTo(dirs.imageVolumeDir("/data"));
    }

    @Test
    void rootUsesVarLibSkiff() {
        if (Processes.geteuid() == 0) {
            assertThat(ContainerDirs.defaultStateDir()).isEqualTo(Path.of("/var/lib/skiff"));
            assertThat(ContainerDirs.of("box").containerDir()).isEqualTo(Path.of("/var/lib/skiff/containers/box"));
        } else {
            assertThat(ContainerDirs.defaultStateDir()).endsWith(Path.of("skiff"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "-x", "_x", "a b", "a\0b", "../etc"})
    void refusesNamesThatAreNotOneSafePathComponent(String name) {
        assertThatThrownBy(() -> new ContainerDirs(Path.of("/var/lib/skiff"), name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("container name");
    }

    @Test
    void refusesARelativeStateDir() {
        assertThatThrownBy(() -> new ContainerDirs(Path.of("state"), "box"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not absolute");
    }
}
