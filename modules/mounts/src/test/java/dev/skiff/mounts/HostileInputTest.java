package dev.skiff.mounts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inputs the fuzz tests found that once escaped as other exceptions; each is now a MountException. */
class HostileInputTest {

    /** Path.of threw InvalidPathException for a host path no file system can name. */
    @ParameterizedTest
    @ValueSource(strings = {"/tmp\0x:/a", "/\udfff:/a", "/tmp/\ud800:/a:ro"})
    void volumeHostPathThatIsNoPath(String spec) {
        assertThatThrownBy(() -> VolumeSpec.parseVolume(spec)).isInstanceOf(MountException.class)
                .hasMessageContaining("is not a valid path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"type=bind,source=/a\0b,destination=/d", "type=bind,src=/\udfff,dst=/d"})
    void mountSourceThatIsNoPath(String spec) {
        assertThatThrownBy(() -> VolumeSpec.parseMount(spec)).isInstanceOf(MountException.class)
                .hasMessageContaining("is not a valid path");
    }
}
