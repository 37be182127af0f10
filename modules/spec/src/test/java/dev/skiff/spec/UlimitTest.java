package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UlimitTest {
    @ParameterizedTest
    @CsvSource({
        "nofile=1024, nofile, 1024, 1024",
        "nofile=100:200, nofile, 100, 200",
        "nproc=5, nproc, 5, 5",
        "core=-1, core, -1, -1",
        "core=unlimited, core, -1, -1",
        "nofile=5:-1, nofile, 5, -1",
        "nofile=5:unlimited, nofile, 5, -1",
        "memlock=0:0, memlock, 0, 0",
        "stack=8388608, stack, 8388608, 8388608",
        "rttime=5:6, rttime, 5, 6",
    })
    void parses(String text, String name, long soft, long hard) {
        assertThat(Ulimit.parse(text)).isEqualTo(new Ulimit(name, soft, hard));
    }

    @Test
    void everyDockerNameIsAccepted() {
        for (String name : Ulimit.NAMES) {
            assertThat(Ulimit.parse(name + "=1").toRlimit().type()).isEqualTo("RLIMIT_" + name.toUpperCase());
        }
    }

    @Test
    void rlimitHasHardThenSoftAndUnlimitedAsAllOnes() {
        assertThat(Ulimit.parse("nofile=100:200").toRlimit()).isEqualTo(new Rlimit("RLIMIT_NOFILE", 200, 100));
        assertThat(Ulimit.parse("core=-1").toRlimit()).isEqualTo(new Rlimit("RLIMIT_CORE", -1, -1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nofile=abc       | ulimit `nofile=abc`: soft limit `abc` is not a number",
        "nofile=1:abc     | ulimit `nofile=1:abc`: hard limit `abc` is not a number",
        "nofile=          | ulimit `nofile=`: soft limit `` is not a number",
        "nofile           | ulimit `nofile`: expected name=soft[:hard]",
        "=5               | ulimit `=5`: expected name=soft[:hard]",
        "nofile=1:2:3     | ulimit `nofile=1:2:3`: expected name=soft[:hard]",
        "nofile=200:100   | ulimit `nofile=200:100`: soft limit 200 exceeds hard limit 100",
        "nofile=-1:100    | ulimit `nofile=-1:100`: soft limit unlimited exceeds hard limit 100",
        "nofile=-2        | ulimit `nofile=-2`: soft limit `-2` is negative (use -1 for unlimited)",
        "nofile=1.5       | ulimit `nofile=1.5`: soft limit `1.5` is not a number",
    })
    void rejectsBadLimits(String text, String message) {
        assertThatThrownBy(() -> Ulimit.parse(text)).isInstanceOf(SpecException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({"bogus=1", "as=1", "NOFILE=5", "RLIMIT_NOFILE=5"})
    void rejectsNamesDockerDoesNotKnow(String text) {
        String name = text.substring(0, text.indexOf('='));
        assertThatThrownBy(() -> Ulimit.parse(text))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("ulimit `" + text + "`: unknown ulimit name `" + name + "`");
    }
}
