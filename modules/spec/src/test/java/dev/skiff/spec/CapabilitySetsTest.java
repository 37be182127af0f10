package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CapabilitySetsTest {
    private static final List<String> DEFAULTS = List.of("CAP_CHOWN", "CAP_KILL");
    private static final Set<Capability> HOST = EnumSet.of(Capability.CAP_CHOWN, Capability.CAP_NET_ADMIN,
            Capability.CAP_KILL, Capability.CAP_SYS_ADMIN);

    private static List<String> compute(CapabilityChanges... rounds) {
        return CapabilitySets.compute(DEFAULTS, List.of(rounds), HOST);
    }

    private static CapabilityChanges round(List<String> adds, List<String> drops) {
        return new CapabilityChanges(adds, drops);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CAP_NET_RAW", "cap_net_raw", "NET_RAW", "net_raw", "Net_Raw", " CAP_NET_RAW "})
    void namesInAnySpellingNormalise(String name) {
        assertThat(CapabilityChanges.normalize(name)).isEqualTo("CAP_NET_RAW");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALL", "all", "All", "CAP_ALL", "cap_all"})
    void allInAnySpellingIsAll(String name) {
        assertThat(CapabilityChanges.normalize(name)).isEqualTo(CapabilityChanges.ALL);
    }

    @Test
    void unknownNameIsRejectedByName() {
        assertThatThrownBy(() -> CapabilityChanges.normalize("CAP_BOGUS"))
                .isInstanceOf(SpecException.class)
                .hasMessage("capability `CAP_BOGUS`: unknown capability");
        assertThatThrownBy(() -> round(List.of("chown", "flying"), List.of()))
                .hasMessage("capability `flying`: unknown capability");
    }

    @Test
    void noRoundsKeepTheDefaults() {
        assertThat(compute()).containsExactly("CAP_CHOWN", "CAP_KILL");
    }

    @Test
    void addsAppendInOrderWithoutDuplicates() {
        assertThat(compute(round(List.of("net_raw", "chown", "NET_ADMIN"), List.of())))
                .containsExactly("CAP_CHOWN", "CAP_KILL", "CAP_NET_RAW", "CAP_NET_ADMIN");
    }

    @Test
    void dropsRemoveKeepingTheOrder() {
        assertThat(compute(round(List.of("CAP_NET_ADMIN"), List.of("CAP_CHOWN"))))
                .containsExactly("CAP_KILL", "CAP_NET_ADMIN");
    }

    @Test
    void withinOneRoundTheDropWins() {
        assertThat(compute(round(List.of("CAP_NET_RAW"), List.of("CAP_NET_RAW")))).containsExactly("CAP_CHOWN", "CAP_KILL");
    }

    @Test
    void firstAddsThenFirstDropsThenSecondAddsThenSecondDrops() {
        CapabilityChanges builder = round(List.of("CAP_NET_RAW", "CAP_SYS_ADMIN"), List.of("CAP_KILL"));
        CapabilityChanges run = round(List.of("CAP_KILL"), List.of("CAP_NET_RAW"));

        assertThat(compute(builder, run)).containsExactly("CAP_CHOWN", "CAP_SYS_ADMIN", "CAP_KILL");
    }

    @Test
    void secondRoundAddsBackWhatTheFirstDropped() {
        assertThat(compute(round(List.of(), List.of("CAP_CHOWN")), round(List.of("CAP_CHOWN"), List.of())))
                .containsExactly("CAP_KILL", "CAP_CHOWN");
    }

    @Test
    void allAddsTheHostsBoundingSetInKernelOrder() {
        assertThat(compute(round(List.of("ALL"), List.of())))
                .containsExactly("CAP_CHOWN", "CAP_KILL", "CAP_NET_ADMIN", "CAP_SYS_ADMIN");
    }

    @Test
    void allAddsNothingTheHostLacks() {
        List<String> all = CapabilitySets.compute(List.of(), List.of(round(List.of("all"), List.of())),
                EnumSet.complementOf(EnumSet.of(Capability.CAP_SYS_RESOURCE)));

        assertThat(all).hasSize(Capability.values().length - 1).doesNotContain("CAP_SYS_RESOURCE");
    }

    @Test
    void dropAllEmptiesTheSetIncludingTheRoundsAdds() {
        assertThat(compute(round(List.of("CAP_NET_RAW"), List.of("all")))).isEmpty();
    }

    @Test
    void dropAllThenTheNextRoundAdds() {
        assertThat(compute(round(List.of(), List.of("ALL")), round(List.of("CAP_NET_RAW"), List.of())))
                .containsExactly("CAP_NET_RAW");
    }

    @Test
    void addAllThenDropSome() {
        assertThat(compute(round(List.of("ALL"), List.of("CAP_SYS_ADMIN", "CAP_CHOWN"))))
                .containsExactly("CAP_KILL", "CAP_NET_ADMIN");
    }

    @Test
    void rootGetsBoundingEffectivePermittedButNeverInheritableNorAmbient() {
        Capabilities caps = CapabilitySets.forRoot(List.of("CAP_CHOWN"));

        assertThat(caps).isEqualTo(new Capabilities(List.of("CAP_CHOWN"), List.of("CAP_CHOWN"), List.of(),
                List.of("CAP_CHOWN"), List.of()));
    }

    @Test
    void nonRootKeepsOnlyTheBoundingSet() {
        Capabilities caps = CapabilitySets.forNonRoot(List.of("CAP_CHOWN"));

        assertThat(caps.bounding()).containsExactly("CAP_CHOWN");
        assertThat(caps.effective()).isEmpty();
        assertThat(caps.permitted()).isEmpty();
        assertThat(caps.inheritable()).isEmpty();
        assertThat(caps.ambient()).isEmpty();
    }
}
