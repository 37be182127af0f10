package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Go's uint64 and uint32 fields keep their whole range. */
class NumbersTest {
    private static final String MAX_U64 = "18446744073709551615";

    @Test
    void rlimitInfinityRoundTrips() {
        Spec spec = Spec.fromJson("""
                {"ociVersion": "1.0.2", "process": {"user": {"uid": 0, "gid": 0}, "cwd": "/",
                 "rlimits": [{"type": "RLIMIT_MEMLOCK", "hard": %s, "soft": 9223372036854775808}]}}
                """.formatted(MAX_U64));

        Rlimit rlimit = spec.process().rlimits().getFirst();
        assertThat(rlimit.hard()).isEqualTo(-1L);
        assertThat(rlimit.soft()).isEqualTo(Long.MIN_VALUE);
        assertThat(Fixtures.tree(spec.toJson()).at("/process/rlimits/0/hard").bigIntegerValue())
                .hasToString(MAX_U64);
        assertThat(Fixtures.tree(spec.toJson()).at("/process/rlimits/0/soft").bigIntegerValue())
                .hasToString("9223372036854775808");
    }

    @Test
    void seccompArgumentsAreUnsigned() {
        SeccompArg arg = new SeccompArg(1, -1L, Long.parseUnsignedLong("18446744073709551104"), SeccompOperator.MASKED_EQ);
        Spec spec = SpecDefaults.generate().withLinux(linux -> linux.withSeccomp(new Seccomp(SeccompAction.ERRNO,
                null, null, null, null, null, List.of(new Syscall(List.of("ioctl"),
                        SeccompAction.ALLOW, null, List.of(arg))), null)));

        String json = spec.toJson();

        assertThat(json).contains("\"value\": " + MAX_U64, "\"valueTwo\": 18446744073709551104");
        assertThat(Spec.fromJson(json)).isEqualTo(spec);
    }

    @Test
    void outOfRangeUint64IsRejected() {
        String tooBig = """
                {"ociVersion": "1", "process": {"user": {"uid": 0, "gid": 0}, "cwd": "/",
                 "rlimits": [{"type": "RLIMIT_CORE", "hard": 18446744073709551616, "soft": 0}]}}""";
        String negative = tooBig.replace("18446744073709551616", "-1");

        assertThatThrownBy(() -> Spec.fromJson(tooBig)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsigned 64-bit");
        assertThatThrownBy(() -> Spec.fromJson(negative)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsigned 64-bit");
    }

    @Test
    void uint32FieldsHoldTheWholeRange() {
        IdMapping all = new IdMapping(0, 0, 4294967295L);

        assertThat(all.size()).isEqualTo(4294967295L);
        assertThatThrownBy(() -> new IdMapping(0, 0, 4294967296L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> User.of(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signedLimitsStaySigned() {
        Memory memory = Memory.EMPTY.withLimit(Long.MAX_VALUE).withSwap(-1L);
        Spec spec = SpecDefaults.generate().withLinux(l -> l.withResources(l.resources().withMemory(memory)));

        Spec back = Spec.fromJson(spec.toJson());

        assertThat(back.linux().resources().memory()).isEqualTo(memory);
        assertThat(spec.toJson()).contains("\"limit\": 9223372036854775807", "\"swap\": -1");
    }
}
