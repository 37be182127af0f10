package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnumsTest {

    @ParameterizedTest
    @ValueSource(strings = {"CAP_NET_RAW", "cap_net_raw", "NET_RAW", "net_raw", " Cap_Net_Raw "})
    void capabilityParseAcceptsEverySpelling(String name) {
        assertThat(Capability.parse(name)).isEqualTo(Capability.CAP_NET_RAW);
    }

    @Test
    void capabilityNumbersAreTheKernels() {
        assertThat(Capability.CAP_CHOWN.number()).isZero();
        assertThat(Capability.CAP_NET_RAW.number()).isEqualTo(13);
        assertThat(Capability.CAP_SYS_ADMIN.number()).isEqualTo(21);
        assertThat(Capability.CAP_AUDIT_READ.number()).isEqualTo(37);
        assertThat(Capability.CAP_CHECKPOINT_RESTORE.number()).isEqualTo(40);
        assertThatThrownBy(() -> Capability.parse("CAP_FLY")).hasMessageContaining("CAP_FLY");
    }

    @Test
    void namespaceTypesAreLowerCaseInJsonAndParsedInAnyCase() {
        Spec spec = Spec.fromJson("""
                {"ociVersion": "1", "linux": {"namespaces": [{"type": "NETWORK"}, {"type": "Pid"}, {"type": "time"}]}}""");

        assertThat(spec.linux().namespaces()).extracting(Namespace::type)
                .containsExactly(NamespaceType.NETWORK, NamespaceType.PID, NamespaceType.TIME);
        assertThat(spec.toJson()).contains("\"type\": \"network\"", "\"type\": \"pid\"", "\"type\": \"time\"");
        assertThatThrownBy(() -> Spec.fromJson("{\"linux\": {\"namespaces\": [{\"type\": \"nope\"}]}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    @Test
    void seccompNamesAreLibseccomps() {
        assertThat(SeccompAction.parse("SCMP_ACT_ERRNO")).isEqualTo(SeccompAction.ERRNO);
        assertThat(SeccompAction.parse("kill_process")).isEqualTo(SeccompAction.KILL_PROCESS);
        assertThat(SeccompAction.KILL_THREAD.specName()).isEqualTo("SCMP_ACT_KILL_THREAD");
        assertThat(SeccompOperator.parse("scmp_cmp_masked_eq")).isEqualTo(SeccompOperator.MASKED_EQ);
        assertThat(SeccompOperator.NE.specName()).isEqualTo("SCMP_CMP_NE");
    }
}
