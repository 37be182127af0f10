package dev.skiff.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --network values and --add-host entries. */
class NetworkModeTest {

    @Test
    void parsesEveryMode() {
        assertThat(NetworkMode.parse("none")).isEqualTo(NetworkMode.NONE);
        assertThat(NetworkMode.parse("host")).isEqualTo(NetworkMode.HOST);
        assertThat(NetworkMode.parse("private")).isEqualTo(NetworkMode.PRIVATE);
        assertThat(NetworkMode.parse("")).isEqualTo(NetworkMode.PRIVATE);
        assertThat(NetworkMode.parse("ns:/run/netns/a")).isEqualTo(new NetworkMode.Join(Path.of("/run/netns/a")));
        assertThat(NetworkMode.parse("/proc/7/ns/net")).isEqualTo(new NetworkMode.Join(Path.of("/proc/7/ns/net")));
        assertThat(NetworkMode.parse("a, b.c")).isEqualTo(new NetworkMode.Named(List.of("a", "b.c")));
        assertThat(NetworkMode.parse("podman").usesCni()).isTrue();
        assertThat(NetworkMode.PRIVATE.usesCni()).isTrue();
        assertThat(NetworkMode.HOST.usesCni()).isFalse();
    }

    @Test
    void rejectsBadValues() {
        assertThatThrownBy(() -> NetworkMode.parse("ns:relative")).hasMessageContaining("must be absolute");
        assertThatThrownBy(() -> NetworkMode.parse("a,,b")).hasMessage("invalid CNI network name: \"\"");
        assertThatThrownBy(() -> NetworkMode.parse("a b")).hasMessage("invalid CNI network name: \"a b\"");
    }
}
