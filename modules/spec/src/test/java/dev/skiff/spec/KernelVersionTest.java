package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KernelVersionTest {
    @ParameterizedTest
    @CsvSource({"3.12.25-gentoo, 3, 12", "3.12-1-amd64, 3, 12", "6.18.44-fc-v1252, 6, 18", "5.8, 5, 8", "4.8.0, 4, 8"})
    void keepsMajorAndMinorOnly(String release, int major, int minor) {
        assertThat(KernelVersion.parse(release)).isEqualTo(new KernelVersion(major, minor));
    }

    @Test
    void comparesNumerically() {
        assertThat(new KernelVersion(5, 10).atLeast(new KernelVersion(5, 8))).isTrue();
        assertThat(new KernelVersion(5, 8).atLeast(new KernelVersion(5, 8))).isTrue();
        assertThat(new KernelVersion(4, 19).atLeast(new KernelVersion(5, 8))).isFalse();
        assertThat(new KernelVersion(6, 0).atLeast(new KernelVersion(5, 19))).isTrue();
    }

    @Test
    void rejectsWhatIsNoVersion() {
        assertThatThrownBy(() -> KernelVersion.parse("six")).isInstanceOf(SpecException.class)
                .hasMessage("kernel version `six`: expected MAJOR.MINOR");
        assertThatThrownBy(() -> KernelVersion.parse("6")).isInstanceOf(SpecException.class);
    }
}
