package dev.skiff.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttachmentsRecordTest {

    @Test
    void roundTripKeepsWhatDelNeeds() throws Exception {
        Network net = Network.of("testnet", SpecVersion.V1_0_0, List.of(
                new PluginConfig("bridge", Map.of("type", "bridge", "bridge", "br-x")),
                new PluginConfig("portmap", Map.of("type", "portmap"))));
        CniResult result = ResultParser.parse("""
                {"cniVersion": "1.0.0", "interfaces": [{"name": "eth0"}],
                 "ips": [{"address": "10.9.0.5/24", "gateway": "10.9.0.1", "interface": 0}]}""", SpecVersion.V1_0_0);
        Attachments original = new Attachments(
                new RuntimeConfig("skiff-abc", Optional.of(Path.of("/proc/1/fd/9")), Map.of("K", "v"), Map.of()),
                List.of(new Attachment(net, "eth0", result)));

        Attachments back = AttachmentsRecord.fromJson(Path.of("journal"), AttachmentsRecord.toJson(original));

        assertThat(back.runtime().containerId()).isEqualTo("skiff-abc");
        assertThat(back.runtime().netns()).isEmpty();
        assertThat(back.runtime().cniArgs()).containsEntry("K", "v");
        Attachment a = back.list().getFirst();
        assertThat(a.interfaceName()).isEqualTo("eth0");
        assertThat(a.network().name()).isEqualTo("testnet");
        assertThat(a.network().plugins()).extracting(PluginConfig::type).containsExactly("bridge", "portmap");
        assertThat(a.result().ips()).extracting(ip -> ip.address().toString()).containsExactly("10.9.0.5/24");
    }

    @Test
    void aDamagedRecordNamesItsFile() {
        assertThatThrownBy(() -> AttachmentsRecord.fromJson(Path.of("/run/skiff/x/attachments.json"), "{\"attachments\": 3}"))
                .isInstanceOf(CniConfigException.class).hasMessageContaining("/run/skiff/x/attachments.json");
    }
}
