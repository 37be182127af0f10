package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizesTest {
    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "4096, 4096",
        "5b, 5",
        "5B, 5",
        "100k, 102400",
        "100K, 102400",
        "512m, 536870912",
        "512M, 536870912",
        "1g, 1073741824",
        "1G, 1073741824",
        "1gb, 1073741824",
        "1GiB, 1073741824",
        "'1 g', 1073741824",
        "1.5g, 1610612736",
        "0.1k, 102",
        "2t, 2199023255552",
        "1p, 1125899906842624",
    })
    void parsesDockerSizes(String text, long bytes) {
        assertThat(ByteSizes.parse("memory", text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-1", "12x", "1.2.3g", "g", "1 gg", "1e3", "0x10", "1,5g", "9999999p"})
    void rejectsWhatIsNotASize(String text) {
        assertThatThrownBy(() -> ByteSizes.parse("memory", text))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("memory `" + text + "`: ");
    }

    @Test
    void messageNamesSubjectAndValue() {
        assertThatThrownBy(() -> ByteSizes.parse("--memory", "12x"))
                .hasMessage("--memory `12x`: not a size (a number with an optional unit b, k, m, g, t or p)");
    }
}
