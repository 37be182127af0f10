package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HostInfoTest {
    private static final String STATUS = """
            Name:\tcat
            CapInh:\t0000000000000000
            CapPrm:\t000001fffeffffff
            CapEff:\t000001fffeffffff
            CapBnd:\t000001fffeffffff
            CapAmb:\t0000000000000000
            """;

    @Test
    void boundingSetComesFromCapBnd() {
        assertThat(HostInfo.parseBoundingSet(STATUS))
                .isEqualTo(EnumSet.complementOf(EnumSet.of(Capability.CAP_SYS_RESOURCE)));
        assertThat(HostInfo.parseBoundingSet("CapBnd:\t0000000000000000\n")).isEmpty();
        assertThat(HostInfo.parseBoundingSet("CapBnd:\t0000000000200001\n"))
                .containsExactlyInAnyOrder(Capability.CAP_CHOWN, Capability.CAP_SYS_ADMIN);
    }

    @Test
    void bitsThisBuildCannotNameAreSkipped() {
        assertThat(HostInfo.parseBoundingSet("CapBnd:\tffffffffffffffff\n")).isEqualTo(EnumSet.allOf(Capability.class));
    }

    @Test
    void aStatusWithoutCapBndIsAnError() {
        assertThatThrownBy(() -> HostInfo.parseBoundingSet("Name:\tcat\n")).isInstanceOf(SpecException.class);
    }

    @Test
    void defaultNprocIsPidMaxWhenTheHardLimitAllowsIt() {
        String limits = """
                Limit                     Soft Limit           Hard Limit           Units
                Max processes             96369                96369                processes
                Max open files            20000                20000                files
                """;
        assertThat(HostInfo.defaultNproc("32768\n", limits)).isEqualTo(OptionalLong.of(32768));
        assertThat(HostInfo.defaultNproc("4194304\n", limits)).isEmpty();
        assertThat(HostInfo.defaultNproc("4194304\n", limits.replace("96369                processes",
                "unlimited            processes"))).isEqualTo(OptionalLong.of(4194304));
    }

    @Test
    void javaArchitecturesBecomeLibseccompNames() {
        assertThat(HostInfo.seccompArch("amd64")).isEqualTo("amd64");
        assertThat(HostInfo.seccompArch("x86_64")).isEqualTo("amd64");
        assertThat(HostInfo.seccompArch("aarch64")).isEqualTo("arm64");
        assertThat(HostInfo.seccompArch("s390x")).isEqualTo("s390x");
        assertThat(HostInfo.seccompArch("ppc64le")).isEqualTo("ppc64le");
    }

    @Test
    void readsThisMachine() {
        HostInfo host = HostInfo.system();

        assertThat(host.uidMap()).isNotEmpty();
        assertThat(host.gidMap()).isNotEmpty();
        assertThat(host.kernel().major()).isGreaterThanOrEqualTo(3);
        assertThat(SeccompArches.isShortName(host.seccompArch())).as(host.seccompArch()).isTrue();
        assertThat(host.maskedPaths()).startsWith(SpecDefaults.MASKED_PATHS.toArray(String[]::new));
        host.seccompProfile().ifPresent(path -> assertThat(HostInfo.SECCOMP_PROFILES).contains(path));
    }
}
