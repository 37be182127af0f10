package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpecOptionsTest {
    @Test
    void defaults() {
        SpecOptions options = SpecOptions.builder().build();

        assertThat(options.seccomp()).isEqualTo(SeccompOption.DEFAULT);
        assertThat(options.defaultCapabilities()).isEqualTo(SpecDefaults.RUN_CAPABILITIES);
        assertThat(options.resources()).isEqualTo(ResourceLimits.NONE);
        assertThat(options.imageConfig()).isEqualTo(ImageConfig.EMPTY);
        assertThat(options.namespaces()).isEmpty();
        assertThat(options.effectiveUserSpec()).isEmpty();
    }

    @Test
    void theRunsUserSpecBeatsTheImages() {
        ImageConfig image = new ImageConfig(null, null, "app", null, null, null, null);

        assertThat(SpecOptions.builder().imageConfig(image).build().effectiveUserSpec()).contains("app");
        assertThat(SpecOptions.builder().imageConfig(image).userSpec("0:0").build().effectiveUserSpec()).contains("0:0");
    }

    @Test
    void capabilityNamesAreCheckedAsTheyAreSet() {
        assertThatThrownBy(() -> SpecOptions.builder().capAdd("net_raw", "wizardry"))
                .isInstanceOf(SpecException.class)
                .hasMessage("capability `wizardry`: unknown capability");
        assertThat(SpecOptions.builder().capAdd("net_raw").capDrop("all").build().runCapabilities())
                .isEqualTo(new CapabilityChanges(List.of("CAP_NET_RAW"), List.of("ALL")));
    }

    @Test
    void networkNoneIsRememberedAndUndoneByALaterValue() {
        assertThat(SpecOptions.builder().network("none").build().networkDisabled()).isTrue();
        assertThat(SpecOptions.builder().network("none").network("private").build().networkDisabled()).isFalse();
        assertThat(SpecOptions.builder().namespace(NamespaceType.NETWORK, "none").build().networkDisabled()).isTrue();
    }

    @Test
    void resourceContradictionsAreRejectedWhenBuilt() {
        assertThatThrownBy(() -> SpecOptions.builder().memory(1 << 30).memorySwap(1 << 20).build())
                .isInstanceOf(SpecException.class)
                .hasMessage("memory-swap `1048576`: must not be less than the memory limit 1073741824");
        assertThatThrownBy(() -> SpecOptions.builder().memorySwap(1 << 20).build())
                .hasMessage("memory-swap `1048576`: needs a memory limit too (it is memory plus swap)");
        assertThatThrownBy(() -> SpecOptions.builder().cpusetCpus("0-").build())
                .hasMessage("cpuset-cpus `0-`: expected a list such as 0-3,7");
        assertThatThrownBy(() -> SpecOptions.builder().cpuQuota(-5).build())
                .hasMessage("cpu-quota `-5`: must be -1 (no quota) or a number of microseconds");
        assertThatThrownBy(() -> SpecOptions.builder().cpuShares(-1).build())
                .hasMessage("cpu-shares `-1`: must not be negative");
        assertThat(SpecOptions.builder().memorySwap(-1).build().resources().memorySwap()).isEqualTo(-1);
        assertThat(SpecOptions.builder().cpusetCpus("0-7:2,9").cpuQuota(-1).build().resources().cpusetCpus()).isEqualTo("0-7:2,9");
    }
}
