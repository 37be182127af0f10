package dev.skiff.network;

import static dev.skiff.network.Configs.network;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** attach / check / detach on the recording fake: order, chaining, rollback, aggregation. */
class CniLifecycleTest {
    private static final Path NETNS = Path.of("/proc/1234/fd/7");

    @TempDir
    Path pluginDir;

    private final RecordingExecutor fake = new RecordingExecutor();
    private Cni cni;

    @BeforeEach
    void plugins() throws IOException {
        cni = new Cni(RecordingExecutor.pluginDir(pluginDir, "bridge", "portmap", "tuning", "firewall", "loopback"), fake);
    }

    @Test
    void addRunsNetworksInOrderWithEthNamesAndPluginsInOrder() throws Exception {
        Attachments a = cni.attach("c1", NETNS, List.of(network("n1", "1.0.0", "bridge", "portmap"),
                network("n2", "1.0.0", "loopback", "tuning")));

        assertThat(fake.briefs()).containsExactly(
                "ADD n1/bridge eth0", "ADD n1/portmap eth0", "ADD n2/loopback eth1", "ADD n2/tuning eth1");
        assertThat(a.list()).extracting(Attachment::networkName, Attachment::interfaceName)
                .containsExactly(tuple("n1", "eth0"),
                        tuple("n2", "eth1"));
        assertThat(a.list().get(0).describe()).isEqualTo("n1 eth0 10.0.0.2/24 gw 10.0.0.1");
    }

    @Test
    void environmentCarriesTheCniVariablesAndNothingElse() throws Exception {
        RuntimeConfig rt = RuntimeConfig.of("c1", NETNS).withCniArgs(Map.of("IgnoreUnknown", "1"));
        cni.attach(rt, List.of(network("n1", "1.0.0", "bridge")));

        assertThat(fake.calls.get(0).env()).containsOnly(
                Map.entry("CNI_COMMAND", "ADD"),
                Map.entry("CNI_CONTAINERID", "c1"),
                Map.entry("CNI_NETNS", NETNS.toString()),
                Map.entry("CNI_IFNAME", "eth0"),
                Map.entry("CNI_ARGS", "IgnoreUnknown=1"),
                Map.entry("CNI_PATH", pluginDir.toString()),
                Map.entry("PATH", PluginCall.CLEAN_PATH));
    }

    @Test
    void eachPluginGetsTheListsNameAndVersionAndThePreviousResult() throws Exception {
        PluginConfig bridge = new PluginConfig("bridge", Map.of("type", "bridge", "name", "stale", "cniVersion", "0.1.0",
                "bridge", "cni0"));
        PluginConfig portmap = new PluginConfig("portmap", Map.of("type", "portmap",
                "prevResult", Map.of("forged", true)));
        cni.attach("c1", NETNS, List.of(Network.of("n1", SpecVersion.V0_4_0, List.of(bridge, portmap))));

        var first = fake.calls.get(0).config();
        assertThat(first).containsEntry("name", "n1").containsEntry("cniVersion", "0.4.0")
                .containsEntry("bridge", "cni0").doesNotContainKey("prevResult");
        var second = fake.calls.get(1);
        assertThat(second.prevResult()).isInstanceOf(Map.class);
        assertThat((List<?>) ((Map<?, ?>) second.prevResult()).get("ips")).hasSize(1);
        assertThat(second.config()).doesNotContainEntry("prevResult", Map.of("forged", true));
    }

    @Test
    void theNextPluginSeesWhatThePreviousOnePrinted() throws Exception {
        String modified = """
                {"cniVersion":"1.0.0","interfaces":[{"name":"eth0","sandbox":"/x"}],
                 "ips":[{"address":"10.9.9.9/16","gateway":"10.9.0.1","interface":0}],"custom":{"kept":1}}""";
        fake.answer(CniCommand.ADD, "bridge", 0, modified);
        Attachments a = cni.attach("c1", NETNS, List.of(network("n1", "1.0.0", "bridge", "tuning")));

        assertThat(((Map<?, ?>) fake.calls.get(1).prevResult()).get("custom")).isEqualTo(Map.of("kept", 1));
        assertThat(a.list().get(0).addresses()).extracting(IpPrefix::toString).containsExactly("10.9.9.9/16");
    }

    @Test
    void capabilityArgumentsReachOnlyThePluginsThatAskForThem() throws Exception {
        PluginConfig bridge = new PluginConfig("bridge", Map.of("type", "bridge"));
        PluginConfig portmap = new PluginConfig("portmap", Map.of("type", "portmap",
                "capabilities", Map.of("portMappings", true)));
        List<Map<String, Object>> ports = List.of(Map.of("hostPort", 8080, "containerPort", 80, "protocol", "tcp"));
        RuntimeConfig rt = RuntimeConfig.of("c1", NETNS).withCapabilityArgs(Map.of("portMappings", ports, "bandwidth", 1));
        cni.attach(rt, List.of(Network.of("n1", SpecVersion.V1_0_0, List.of(bridge, portmap))));

        assertThat(fake.calls.get(0).config()).doesNotContainKey("runtimeConfig");
        assertThat(fake.calls.get(1).config()).containsEntry("runtimeConfig", Map.of("portMappings", ports));
    }

    @Test
    void detachRunsDelInReverseOrderOfNetworksAndPlugins() throws Exception {
        Attachments a = cni.attach("c1", NETNS, List.of(network("n1", "1.0.0", "bridge", "portmap"),
                network("n2", "1.0.0", "loopback", "tuning")));
        fake.calls.clear();

        cni.detach(a);

        assertThat(fake.briefs()).containsExactly(
                "DEL n2/tuning eth1", "DEL n2/loopback eth1", "DEL n1/portmap eth0", "DEL n1/bridge eth0");
    }

    @Test
    void delGetsTheAddResultFrom040OnButNotBefore() throws Exception {
        Attachments a = cni.attach("c1", NETNS, List.of(network("old", "0.3.1", "bridge"),
                network("mid", "0.4.0", "bridge"), network("new", "1.0.0", "bridge")));
        fake.calls.clear();

        cni.detach(a);

        assertThat(fake.calls).extracting(RecordingExecutor.Call::network).containsExactly("new", "mid", "old");
        assertThat(fake.calls.get(0).prevResult()).isEqualTo(a.list().get(2).result().raw());
        assertThat(fake.calls.get(1).prevResult()).isEqualTo(a.list().get(1).result().raw());
        assertThat(fake.calls.get(2).prevResult()).isNull();
    }

    @Test
    void aFailureInTheMiddleDeletesWhatWasAddedAndNamesThePlugin() throws Exception {
        fake.answer(CniCommand.ADD, "portmap", 1,
                "{\"cniVersion\":\"1.0.0\",\"code\":7,\"msg\":\"bad mapping\",\"details\":\"port 0\"}");

        PluginException e = catchThrowableOfType(PluginException.class, () -> cni.attach("c1", NETNS, List.of(
                network("n1", "1.0.0", "bridge", "tuning"), network("n2", "1.0.0", "bridge", "portmap", "firewall"))));

        assertThat(e.getMessage()).isEqualTo("CNI ADD network \"n2\" plugin \"portmap\" (eth1): "
                + "bad mapping: port 0 (code 7, invalid network config)");
        assertThat(e.network()).isEqualTo("n2");
        assertThat(e.plugin()).isEqualTo("portmap");
        assertThat(e.error()).hasValueSatisfying(err -> assertThat(err.code()).isEqualTo(7));
        assertThat(e.exitCode()).hasValue(1);
        assertThat(e.stderr()).isEqualTo("log line");
        // The spec: DEL for every plugin of the failed list in reverse (also the one never
        // called), without prevResult; then the earlier networks in reverse.
        assertThat(fake.briefs()).containsExactly(
                "ADD n1/bridge eth0", "ADD n1/tuning eth0", "ADD n2/bridge eth1", "ADD n2/portmap eth1",
                "DEL n2/firewall eth1", "DEL n2/portmap eth1", "DEL n2/bridge eth1",
                "DEL n1/tuning eth0", "DEL n1/bridge eth0");
        assertThat(fake.calls.get(4).prevResult()).isNull();
        assertThat(fake.calls.get(7).prevResult()).isNotNull();
    }

    @Test
    void rollbackFailuresAreSuppressedIntoTheAddFailure() throws Exception {
        fake.answer(CniCommand.ADD, "tuning", 1, "{\"code\":11,\"msg\":\"busy\"}")
                .answer(CniCommand.DEL, "bridge", 1, "{\"code\":5,\"msg\":\"cannot delete\"}");

        PluginException e = catchThrowableOfType(PluginException.class,
                () -> cni.attach("c1", NETNS, List.of(network("n1", "1.0.0", "bridge", "tuning"))));

        assertThat(e.plugin()).isEqualTo("tuning");
        assertThat(e.getSuppressed()).singleElement().extracting(Throwable::getMessage)
                .isEqualTo("CNI DEL network \"n1\" plugin \"bridge\" (eth0): cannot delete (code 5, I/O failure)");
    }

    @Test
    void detachGoesOnPastFailuresAndReportsThemTogether() throws Exception {
        Attachments a = cni.attach("c1", NETNS, List.of(network("n1", "1.0.0", "bridge", "portmap"),
                network("n2", "1.0.0", "bridge", "tuning")));
        fake.calls.clear();
        fake.answer(CniCommand.DEL, "tuning", 1, "{\"code\":100,\"msg\":\"tuning broke\"}")
                .answer(CniCommand.DEL, "portmap", 2, "not json at all");

        DetachException e = catchThrowableOfType(DetachException.class, () -> cni.detach(a));

        assertThat(fake.briefs()).containsExactly(
                "DEL n2/tuning eth1", "DEL n2/bridge eth1", "DEL n1/portmap eth0", "DEL n1/bridge eth0");
        assertThat(e.failures()).extracting(PluginException::plugin).containsExactly("tuning", "portmap");
        assertThat(e.getMessage()).contains("tuning broke (code 100)", "exit status 2 (output: not json at all)");
    }

    @Test
    void aMissingBinaryIsAClearErrorAndIsRolledBack() throws Exception {
        PluginException e = catchThrowableOfType(PluginException.class,
                () -> cni.attach("c1", NETNS, List.of(network("n1", "1.0.0", "bridge", "nosuch"))));

        assertThat(e.getMessage()).isEqualTo("CNI ADD network \"n1\" plugin \"nosuch\" (eth0): "
                + "plugin binary \"nosuch\" not found in " + pluginDir);
        assertThat(e.exitCode()).isEmpty();
        assertThat(fake.briefs()).containsExactly("ADD n1/bridge eth0", "DEL n1/bridge eth0");
        assertThat(e.getSuppressed()).singleElement().extracting(Throwable::getMessage).asString()
                .contains("DEL network \"n1\" plugin \"nosuch\"", "not found");
    }

    @Test
    void aMalformedResultIsAnErrorNamingThePluginAndIsRolledBack() throws Exception {
        fake.answer(CniCommand.ADD, "bridge", 0, "{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.0.0.300/24\"}]}");

        assertThatThrownBy(() -> cni.attach("c1", NETNS, List.of(network("n1", "1.0.0", "bridge", "tuning"))))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("CNI ADD network \"n1\" plugin \"bridge\" (eth0): malformed result: "
                        + "ips[0].address: \"10.0.0.300\" is not an IP address");
        assertThat(fake.briefs()).containsExactly("ADD n1/bridge eth0", "DEL n1/tuning eth0", "DEL n1/bridge eth0");
    }

    @Test
    void anAddWithoutOutputIsAnError() throws Exception {
        fake.answer(CniCommand.ADD, "bridge", 0, "  \n");

        assertThatThrownBy(() -> cni.attach("c1", NETNS, List.of(network("n1", "1.0.0", "bridge"))))
                .hasMessage("CNI ADD network \"n1\" plugin \"bridge\" (eth0): exited 0 but printed no result");
    }

    @Test
    void checkRunsPluginsInOrderWithTheAddResult() throws Exception {
        Attachments a = cni.attach("c1", NETNS, List.of(network("n1", "1.0.0", "bridge", "portmap")));
        fake.calls.clear();

        cni.check(a);

        assertThat(fake.briefs()).containsExactly("CHECK n1/bridge eth0", "CHECK n1/portmap eth0");
        assertThat(fake.calls).allSatisfy(c -> assertThat(c.prevResult()).isEqualTo(a.list().get(0).result().raw()));
    }

    @Test
    void checkSkipsDisabledNetworksAndRefusesVersionsWithoutCheck() throws Exception {
        Network disabled = new Network("off", SpecVersion.V1_0_0, true,
                List.of(new PluginConfig("bridge", Map.of("type", "bridge"))), Optional.empty());
        Attachments a = cni.attach("c1", NETNS, List.of(disabled, network("old", "0.3.1", "bridge")));
        fake.calls.clear();

        assertThatThrownBy(() -> cni.check(a)).isInstanceOf(CniException.class)
                .hasMessage("CNI CHECK network \"old\": cniVersion 0.3.1 has no CHECK (it came with 0.4.0)");
        assertThat(fake.calls).isEmpty();
    }

    @Test
    void checkFailureIsThrown() throws Exception {
        Attachments a = cni.attach("c1", NETNS, List.of(network("n1", "0.4.0", "bridge", "portmap")));
        fake.answer(CniCommand.CHECK, "bridge", 1, "{\"code\":100,\"msg\":\"veth missing\"}");

        assertThatThrownBy(() -> cni.check(a)).isInstanceOf(PluginException.class).hasMessageContaining("veth missing");
    }

    @Test
    void detachWithoutNetnsPassesAnEmptyCniNetns() throws Exception {
        Attachments a = cni.attach("c1", NETNS, List.of(network("n1", "1.0.0", "bridge")));
        fake.calls.clear();

        cni.detach(a.withoutNetns());

        assertThat(fake.calls.get(0).env()).containsEntry("CNI_NETNS", "");
    }

    @Test
    void runtimeConfigRejectsWhatPluginsCannotTake() {
        assertThatThrownBy(() -> RuntimeConfig.of("../etc", NETNS)).hasMessageContaining("invalid container id");
        assertThatThrownBy(() -> RuntimeConfig.of("c1", NETNS).withCniArgs(Map.of("A", "x;y")))
                .hasMessageContaining("CNI_ARGS");
        assertThatThrownBy(() -> cni.attach(RuntimeConfig.of("c1", NETNS).withoutNetns(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
