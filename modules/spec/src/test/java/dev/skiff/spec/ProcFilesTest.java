package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcFilesTest {
    /** Files.readString returned "3" here: a sysctl file ends at any offset but 0. */
    @Test
    void readsASysctlWhole() throws IOException {
        Path pidMax = Path.of("/proc/sys/kernel/pid_max");
        String whole = Files.readAllLines(pidMax).getFirst();

        assertThat(ProcFiles.read(pidMax, "pid_max").trim()).isEqualTo(whole);
        assertThat(HostInfo.system().defaultNproc()).isIn(java.util.OptionalLong.empty(),
                java.util.OptionalLong.of(Long.parseLong(whole)));
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> ProcFiles.read(Path.of("/proc/nothing-here"), "host file"))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("host file `/proc/nothing-here`: cannot read: ");
    }
}
