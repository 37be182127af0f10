package dev.skiff.spec;

import static dev.skiff.spec.NamespaceType.IPC;
import static dev.skiff.spec.NamespaceType.NETWORK;
import static dev.skiff.spec.NamespaceType.PID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamespaceOptionTest {
    @Test
    void hostPrivateAndPaths() {
        assertThat(NamespaceOption.parse(PID, "host")).isEqualTo(new NamespaceOption(PID, true, null));
        assertThat(NamespaceOption.parse(PID, "private")).isEqualTo(new NamespaceOption(PID, false, null));
        assertThat(NamespaceOption.parse(PID, "container")).isEqualTo(NamespaceOption.create(PID));
        assertThat(NamespaceOption.parse(PID, "")).isEqualTo(NamespaceOption.create(PID));
        assertThat(NamespaceOption.parse(IPC, "ns:/proc/1/ns/ipc")).isEqualTo(new NamespaceOption(IPC, false, "/proc/1/ns/ipc"));
        assertThat(NamespaceOption.parse(IPC, "/proc/1/ns/ipc")).isEqualTo(NamespaceOption.join(IPC, "/proc/1/ns/ipc"));
    }

    @Test
    void aNetworkValueThatIsNoPathNamesCniNetworks() {
        NamespaceOption option = NamespaceOption.parse(NETWORK, "net1,net2");

        assertThat(option).isEqualTo(new NamespaceOption(NETWORK, false, "net1,net2"));
        assertThat(option.cniNetworkNames()).containsExactly("net1", "net2");
        assertThat(option.joins()).isFalse();
        assertThat(NamespaceOption.cniNetworks(List.of("net1", "net2"))).isEqualTo(option);
    }

    @Test
    void aNetworkPathJoinsAndNamesNoNetworks() {
        NamespaceOption option = NamespaceOption.parse(NETWORK, "ns:/run/netns/x");

        assertThat(option.joins()).isTrue();
        assertThat(option.cniNetworkNames()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pid     | bogus          | pid namespace `bogus`: expected host, private, ns:PATH or an absolute path",
        "pid     | ns:relative    | pid namespace `ns:relative`: expected host, private, ns:PATH or an absolute path",
        "ipc     | none           | ipc namespace `none`: expected host, private, ns:PATH or an absolute path",
        "network | ns:relative    | network namespace `ns:relative`: expected host, private, none, ns:PATH or CNI network names",
        "network | none           | network namespace `none`: `none` disables the network; it is not a namespace",
        "network | 'a,,b'         | network `a,,b`: empty CNI network name",
        "network | a b            | network `a b`: `a b` is not a CNI network name (letters, digits, _ . -)",
    })
    void rejectsBadValues(String type, String value, String message) {
        assertThatThrownBy(() -> NamespaceOption.parse(NamespaceType.parse(type), value))
                .isInstanceOf(SpecException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative/path", "x"})
    void onlyTheNetworkTakesAPathThatIsNotAbsolute(String path) {
        assertThatThrownBy(() -> new NamespaceOption(PID, false, path))
                .isInstanceOf(SpecException.class)
                .hasMessage("pid namespace `" + path + "`: a namespace path must be absolute");
    }

    @Test
    void hostAndPathContradict() {
        assertThatThrownBy(() -> new NamespaceOption(PID, true, "/proc/1/ns/pid"))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("cannot both be the host's and be joined by path");
    }
}
