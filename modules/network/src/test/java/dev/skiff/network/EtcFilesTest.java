package dev.skiff.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /etc/hosts and /etc/resolv.conf contents for each network mode. */
class EtcFilesTest {
    private static final String HOST_HOSTS = "127.0.0.1 localhost\n10.0.0.9 buildhost\n";
    private static final String HOST_RESOLV = "search corp.test\nnameserver 127.0.0.53\nnameserver 192.0.2.53\noptions edns0\n";
    private static final EtcInputs IN = EtcInputs.of("box", HOST_HOSTS, HOST_RESOLV);

    @Test
    void noneHasLocalhostAndTheHostnameOnLoopbackAndNoResolvConf() {
        EtcFiles files = EtcFiles.forMode(NetworkMode.NONE, IN);

        assertThat(files.hosts()).isEqualTo(EtcHosts.LOCALHOST + """
                127.0.0.1\tbox
                ::1\tbox
                """);
        assertThat(files.resolvConf()).isEmpty();
        assertThat(EtcFiles.forMode(NetworkMode.NONE, IN.withResolvConfForNone(true)).resolvConf()).hasValue(HOST_RESOLV);
    }

    @Test
    void hostAndJoinedNamespacesGetTheHostsFiles() {
        for (NetworkMode mode : List.of(NetworkMode.HOST, new NetworkMode.Join(Path.of("/run/netns/x")))) {
            EtcFiles files = EtcFiles.forMode(mode, IN);

            assertThat(files.hosts()).isEqualTo(HOST_HOSTS);
            assertThat(files.resolvConf()).hasValue(HOST_RESOLV);
        }
    }

    @Test
    void cniMapsTheHostnameToTheAttachmentsAddressesAndUsesTheirDns() throws Exception {
        EtcFiles files = EtcFiles.forMode(NetworkMode.PRIVATE, IN.withAttachments(List.of(
                attachment("n1", "eth0", "10.88.0.5/16", "{\"nameservers\":[\"10.88.0.1\"],\"search\":[\"n1.test\"]}"),
                attachment("n2", "eth1", "10.89.0.5/16",
                        "{\"nameservers\":[\"10.89.0.1\",\"10.88.0.1\"],\"domain\":\"x.test\",\"options\":[\"ndots:1\"]}"))));

        assertThat(files.hosts()).isEqualTo(EtcHosts.LOCALHOST + """
                10.88.0.5\tbox
                10.89.0.5\tbox
                """);
        assertThat(files.resolvConf()).hasValue("""
                search n1.test
                nameserver 10.88.0.1
                nameserver 10.89.0.1
                options ndots:1
                """);
    }

    @Test
    void cniWithoutDnsUsesTheHostsResolvConfWithoutLoopbackServers() throws Exception {
        EtcFiles files = EtcFiles.forMode(new NetworkMode.Named(List.of("n1")),
                IN.withAttachments(List.of(attachment("n1", "eth0", "10.88.0.5/16", null))));

        assertThat(files.resolvConf()).hasValue("search corp.test\nnameserver 192.0.2.53\noptions edns0\n");
    }

    @Test
    void aDomainAloneBecomesADomainLine() throws Exception {
        EtcFiles files = EtcFiles.forMode(NetworkMode.PRIVATE, IN.withAttachments(List.of(
                attachment("n1", "eth0", "10.88.0.5/16", "{\"nameservers\":[\"10.88.0.1\"],\"domain\":\"d.test\"}"))));

        assertThat(files.resolvConf()).hasValue("domain d.test\nnameserver 10.88.0.1\n");
    }

    @Test
    void withoutAHostnameNoOwnEntryIsWritten() throws Exception {
        EtcInputs noName = EtcInputs.of(null, HOST_HOSTS, "");

        assertThat(EtcFiles.forMode(NetworkMode.NONE, noName).hosts()).isEqualTo(EtcHosts.LOCALHOST);
        assertThat(EtcFiles.forMode(NetworkMode.PRIVATE, noName.withAttachments(List.of(
                attachment("n1", "eth0", "10.88.0.5/16", null)))).hosts()).isEqualTo(EtcHosts.LOCALHOST);
    }

    private static Attachment attachment(String network, String ifname, String address, String dns) throws Exception {
        String text = "{\"cniVersion\":\"1.0.0\",\"interfaces\":[{\"name\":\"" + ifname + "\",\"sandbox\":\"/ns\"}],"
                + "\"ips\":[{\"address\":\"" + address + "\",\"interface\":0}]" + (dns == null ? "" : ",\"dns\":" + dns) + "}";
        return new Attachment(Configs.network(network, "1.0.0", "bridge"), ifname,
                ResultParser.parse(text, SpecVersion.V1_0_0));
    }

    @Test
    void resolvConfFilterKeepsEverythingElse() {
        assertThat(ResolvConf.withoutLoopbackNameservers("# comment\nnameserver ::1\nnameserver 10.0.0.1\n"))
                .isEqualTo("# comment\nnameserver 10.0.0.1\n");
        assertThat(ResolvConf.withoutLoopbackNameservers("")).isEmpty();
    }
}
