package dev.skiff.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpLiteralTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.0.1, 10.0.0.1",
        "::1, ::1",
        "::, ::",
        "fd00:0:0:1:0:0:0:5, fd00:0:0:1::5",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
        "1:0:3:4:5:6:7:8, 1:0:3:4:5:6:7:8",
    })
    void formatsAsPeopleWriteThem(String in, String out) {
        assertThat(IpLiteral.format(IpLiteral.parse(in))).isEqualTo(out);
    }

    @ParameterizedTest
    @CsvSource({"localhost", "example.com", "10.0.0", "10.1", "010.0.0.1", "1.2.3.4.5", "256.1.1.1", "''"})
    void neverResolvesNames(String text) {
        assertThatThrownBy(() -> IpLiteral.parse(text)).hasMessageContaining("is not an IP address");
    }
}
