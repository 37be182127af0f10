package dev.skiff.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Scanning, selecting and parsing a config directory the way libcni does. */
class ConfigDirTest {
    @TempDir
    Path dir;

    private static final String BRIDGE_LIST = """
            {"cniVersion":"1.0.0","name":"%s","plugins":[
              {"type":"bridge","bridge":"cni0","ipam":{"type":"host-local","subnet":"10.88.0.0/16"}},
              {"type":"portmap","capabilities":{"portMappings":true}}]}""";

    private void write(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text);
    }

    @Test
    void readsAllKindsInLexicalOrder() throws Exception {
        write("20-b.conflist", BRIDGE_LIST.formatted("b"));
        write("10-a.conf", "{\"cniVersion\":\"0.4.0\",\"name\":\"a\",\"type\":\"bridge\",\"bridge\":\"br-a\"}");
        write("30-c.json", "{\"cniVersion\":\"0.3.1\",\"name\":\"c\",\"type\":\"macvlan\"}");
        write("99-ignored.txt", "{}");
        Files.createDirectory(dir.resolve("40-dir.conf"));

        List<Network> all = new ConfigDir(dir).loadAll();

        assertThat(all).extracting(Network::name).containsExactly("a", "b", "c");
        assertThat(all.get(1).plugins()).extracting(PluginConfig::type).containsExactly("bridge", "portmap");
        assertThat(all.get(1).plugins().get(1).capabilities()).containsExactly("portMappings");
        assertThat(all.get(1).source()).hasValue(dir.resolve("20-b.conflist"));
    }

    @Test
    void aConfBecomesAOnePluginList() throws Exception {
        write("10-a.conf", "{\"cniVersion\":\"0.4.0\",\"name\":\"a\",\"type\":\"bridge\",\"bridge\":\"br-a\",\"x\":null}");

        Network a = new ConfigDir(dir).loadAll().get(0);

        assertThat(a.cniVersion()).isEqualTo(SpecVersion.V0_4_0);
        assertThat(a.disableCheck()).isFalse();
        assertThat(a.plugins()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo("bridge");
            assertThat(p.config()).containsEntry("bridge", "br-a").containsEntry("x", null);
        });
    }

    @Test
    void disableCheckIsRead() throws Exception {
        write("a.conflist", "{\"cniVersion\":\"1.0.0\",\"name\":\"a\",\"disableCheck\":true,\"plugins\":[{\"type\":\"bridge\"}]}");
        write("b.conflist", "{\"cniVersion\":\"1.0.0\",\"name\":\"b\",\"disableCheck\":\"true\",\"plugins\":[{\"type\":\"bridge\"}]}");

        assertThat(new ConfigDir(dir).loadAll()).extracting(Network::disableCheck).containsExactly(true, true);
    }

    @Test
    void unnamedConfigsAreSkippedAndTheFirstOfTwoNamesWins() throws Exception {
        write("10-unnamed.conflist", "{\"cniVersion\":\"1.0.0\",\"plugins\":[{\"type\":\"bridge\"}]}");
        write("20-first.conflist", BRIDGE_LIST.formatted("dup"));
        write("30-second.conf", "{\"cniVersion\":\"1.0.0\",\"name\":\"dup\",\"type\":\"macvlan\"}");

        List<Network> all = new ConfigDir(dir).loadAll();

        assertThat(all).singleElement().satisfies(n ->
                assertThat(n.source()).hasValue(dir.resolve("20-first.conflist")));
    }

    @Test
    void selectsByNameInTheOrderAsked() throws Exception {
        write("10-a.conflist", BRIDGE_LIST.formatted("a"));
        write("20-b.conflist", BRIDGE_LIST.formatted("b"));
        write("30-c.conflist", BRIDGE_LIST.formatted("c"));

        assertThat(new ConfigDir(dir).load(List.of("c", "a"))).extracting(Network::name).containsExactly("c", "a");
    }

    @Test
    void aMissingNameIsAnError() throws Exception {
        write("10-a.conflist", BRIDGE_LIST.formatted("a"));

        assertThatThrownBy(() -> new ConfigDir(dir).load(List.of("a", "nope")))
                .isInstanceOf(CniConfigException.class)
                .hasMessage("CNI config " + dir + ": no network named \"nope\" (found: a)");
    }

    @Test
    void aMissingDirectoryHasNoNetworks() throws Exception {
        ConfigDir missing = new ConfigDir(dir.resolve("absent"));

        assertThat(missing.loadAll()).isEmpty();
        assertThatThrownBy(() -> missing.load(List.of("a"))).hasMessageContaining("(found: none)");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("x.conflist", "{\"name\":\"x\",", "malformed JSON"),
                Arguments.of("x.conf", "", "empty document"),
                Arguments.of("x.conf", "[]", "expected a JSON object, found a list"),
                Arguments.of("x.conf", "{\"name\":\"x\",\"type\":\"bridge\"}", "cniVersion: missing"),
                Arguments.of("x.conf", "{\"name\":\"x\",\"cniVersion\":\"new\",\"type\":\"bridge\"}",
                        "cniVersion: not a CNI version: \"new\""),
                Arguments.of("x.conf", "{\"name\":\"x\",\"cniVersion\":\"1.0.0\"}", "type: missing"),
                Arguments.of("x.conf", "{\"name\":\"x\",\"cniVersion\":\"1.0.0\",\"plugins\":[]}",
                        "type: missing (a list with \"plugins\" belongs in a .conflist file)"),
                Arguments.of("x.conf", "{\"name\":\"x\",\"cniVersion\":\"1.0.0\",\"type\":\"../bin/sh\"}",
                        "type: plugin type must be a file name"),
                Arguments.of("x.conf", "{\"name\":\"-x\",\"cniVersion\":\"1.0.0\",\"type\":\"bridge\"}",
                        "name: \"-x\" is not a valid network name"),
                Arguments.of("x.conflist", "{\"name\":\"x\",\"cniVersion\":\"1.0.0\"}", "plugins: missing"),
                Arguments.of("x.conflist", "{\"name\":\"x\",\"cniVersion\":\"1.0.0\",\"plugins\":[]}",
                        "plugins: empty list"),
                Arguments.of("x.conflist", "{\"name\":\"x\",\"cniVersion\":\"1.0.0\",\"plugins\":[{\"type\":\"a\"},{}]}",
                        "plugins[1].type: missing"),
                Arguments.of("x.conflist", "{\"name\":\"x\",\"cniVersion\":\"1.0.0\",\"plugins\":[{\"type\":7}]}",
                        "plugins[0].type: expected a string, found the number 7"),
                Arguments.of("x.conflist", "{\"name\":\"x\",\"cniVersion\":1.0,\"plugins\":[{\"type\":\"a\"}]}",
                        "cniVersion: expected a string"),
                Arguments.of("x.conflist", "{\"name\":\"x\",\"cniVersion\":\"1.0.0\",\"disableCheck\":\"yes\",\"plugins\":[{\"type\":\"a\"}]}",
                        "disableCheck: expected true or false"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("malformed")
    void malformedConfigsNameTheFile(String file, String text, String problem) throws Exception {
        write("00-good.conflist", BRIDGE_LIST.formatted("good"));
        write(file, text);

        assertThatThrownBy(() -> new ConfigDir(dir).load(List.of("good")))
                .isInstanceOf(CniConfigException.class)
                .hasMessageStartingWith("CNI config " + dir.resolve(file) + ": ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((CniConfigException) e).file()).isEqualTo(dir.resolve(file)));
    }

    @Test
    void pluginConfigsKeepTheirFieldsForThePlugin() throws Exception {
        write("a.conflist", BRIDGE_LIST.formatted("a"));

        PluginConfig bridge = new ConfigDir(dir).loadAll().get(0).plugins().get(0);

        assertThat(bridge.config()).containsEntry("ipam", Map.of("type", "host-local", "subnet", "10.88.0.0/16"));
        assertThat(bridge.config().keySet()).containsExactly("type", "bridge", "ipam");
    }
}
