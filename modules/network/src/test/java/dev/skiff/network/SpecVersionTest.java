package dev.skiff.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecVersionTest {

    @ParameterizedTest
    @CsvSource({
        // version, CHECK?, DEL gets prevResult?
        "0.1.0, false, false",
        "0.2.0, false, false",
        "0.3.0, false, false",
        "0.3.1, false, false",
        "0.4.0, true, true",
        "1.0.0, true, true",
        "1.1.0, true, true",
    })
    void versionRules(String text, boolean check, boolean delPrev) {
        SpecVersion v = SpecVersion.parse(text);

        assertThat(v.toString()).isEqualTo(text);
        assertThat(v.hasCheck()).isEqualTo(check);
        assertThat(v.deleteGetsPrevResult()).isEqualTo(delPrev);
    }

    @Test
    void comparesNumerically() {
        assertThat(SpecVersion.parse("0.10.0")).isGreaterThan(SpecVersion.parse("0.4.0"));
        assertThat(SpecVersion.parse("1.0")).isEqualTo(SpecVersion.V1_0_0);
        assertThat(SpecVersion.V0_3_1).isLessThan(SpecVersion.V0_4_0);
    }

    @Test
    void rejectsWhatIsNotAVersion() {
        assertThatThrownBy(() -> SpecVersion.parse("v1.0.0")).hasMessage("not a CNI version: \"v1.0.0\"");
        assertThatThrownBy(() -> SpecVersion.parse(null)).hasMessage("not a CNI version: \"null\"");
        assertThatThrownBy(() -> SpecVersion.parse("1.0.0-rc1")).isInstanceOf(IllegalArgumentException.class);
    }
}
