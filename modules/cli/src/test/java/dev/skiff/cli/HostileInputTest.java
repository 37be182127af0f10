package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Command lines the fuzz tests found that once escaped as other exceptions; each is now a UsageException. */
class HostileInputTest {

    /** Path.of threw InvalidPathException for a path no file system can name. */
    @ParameterizedTest
    @ValueSource(strings = {"--rootfs", "--state-dir", "--mounts-conf", "--cni-config-dir"})
    void pathFlagThatIsNoPath(String flag) {
        List<String> argv = flag.equals("--rootfs") ? List.of(flag, "/tmp/a\0b", "true")
                : List.of("--rootfs", "/tmp", flag, "/tmp/\ud800", "true");
        assertThatThrownBy(() -> RunCommand.parse(argv)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("flag " + flag + " `").hasMessageContaining("not a path");
    }
}
