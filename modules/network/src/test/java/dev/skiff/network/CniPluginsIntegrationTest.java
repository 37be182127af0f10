package dev.skiff.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real bridge, host-local and loopback plugins against namespaces and bridges each
 * test makes with unique names and a private 10.231.x.0/24 subnet, and removes again.
 */
@Tag("integration")
class CniPluginsIntegrationTest {
    @TempDir
    Path tmp;

    private final String id = HexFormat.of().formatHex(randomBytes());
    private final Set<Integer> octets = new HashSet<>();
    private final List<String> netnsNames = new ArrayList<>();
    private final List<String> bridges = new ArrayList<>();
    private final List<NetnsHandle> handles = new ArrayList<>();
    private final List<Process> holders = new ArrayList<>();
    private Path confDir;
    private Path dataDir;
    private final Cni cni = Cni.withDefaults();

    private static byte[] randomBytes() {
        byte[] b = new byte[3];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    @BeforeEach
    void prepare() throws IOException {
        HostNet.requirePrerequisites();
        confDir = Files.createDirectory(tmp.resolve("net.d"));
        dataDir = Files.createDirectory(tmp.resolve("ipam"));
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (NetnsHandle h : handles) {
            h.close();
        }
        for (Process p : holders) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (String ns : netnsNames) {
            HostNet.quietly("ip", "netns", "del", ns);
        }
        for (String br : bridges) {
            HostNet.quietly("ip", "link", "del", br);
        }
    }

    @Test
    void attachesReachesTheGatewayAndDetachesWithoutLeftovers() throws Exception {
        TestNet net = network("a", "loopback");
        String ns = newNetns("a");
        NetnsHandle handle = hold(NetnsHandle.open(Path.of("/run/netns", ns)));

        Attachments attached = cni.attach("skiff-it-" + id, handle.path(), List.of(net.load()));

        Attachment a = attached.list().getFirst();
        assertThat(a.interfaceName()).isEqualTo("eth0");
        assertThat(a.addresses()).singleElement().satisfies(p -> {
            assertThat(p.toString()).startsWith(net.prefix()).endsWith("/24");
        });
        assertThat(a.gateway()).map(IpLiteral::format).hasValue(net.gateway());
        String address = IpLiteral.format(a.addresses().getFirst().address());
        assertThat(HostNet.run("ip", "-n", ns, "-o", "addr", "show", "dev", "eth0")).contains("inet " + address + "/24");
        assertThat(HostNet.run("ip", "-n", ns, "-o", "link", "show", "lo")).contains(",UP");
        assertThat(HostNet.exitOf(pingFrom(ns, net.gateway()))).as("ping the gateway from the netns").isZero();
        assertThat(HostNet.portsOf(net.bridge())).hasSize(1);
        assertThat(HostNet.leases(dataDir, net.name())).containsExactly(address);
        cni.check(attached);

        cni.detach(attached);

        assertNoLeftovers(net);
        assertThat(HostNet.exitOf("ip", "-n", ns, "link", "show", "eth0")).isNotZero();
        String identity = handle.identity();
        handle.close();
        assertThat(handle.isOpen()).isFalse();
        assertThat(HostNet.jvmHolds(identity)).isFalse();
    }

    @Test
    void teardownWorksAfterTheContainerProcessExited() throws Exception {
        TestNet net = network("b");
        Process container = holdNetnsInProcess();
        NetnsHandle handle = hold(NetnsHandle.ofPid(container.pid()));

        Attachments attached = cni.attach("skiff-it-" + id, handle.path(), List.of(net.load()));
        String address = IpLiteral.format(attached.list().getFirst().addresses().getFirst().address());
        // Another process reaches the namespace through the handle's path, as plugins do.
        assertThat(HostNet.run("nsenter", "--net=" + handle.path(), "ip", "-o", "addr", "show", "eth0"))
                .contains("inet " + address + "/24");
        container.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(container.isAlive()).isFalse();

        cni.detach(attached);

        assertNoLeftovers(net);
        String identity = handle.identity();
        handle.close();
        assertThat(HostNet.jvmHolds(identity)).isFalse();
    }

    @Test
    void twoNetworksGetEth0AndEth1() throws Exception {
        TestNet first = network("c");
        TestNet second = network("d");
        String ns = newNetns("c");
        NetnsHandle handle = hold(NetnsHandle.open(Path.of("/run/netns", ns)));

        Attachments attached = cni.attach("skiff-it-" + id, handle.path(), List.of(first.load(), second.load()));

        assertThat(attached.list()).extracting(Attachment::interfaceName).containsExactly("eth0", "eth1");
        assertThat(HostNet.run("ip", "-n", ns, "-o", "addr", "show", "dev", "eth0")).contains("inet " + first.prefix());
        assertThat(HostNet.run("ip", "-n", ns, "-o", "addr", "show", "dev", "eth1")).contains("inet " + second.prefix());

        cni.detach(attached);

        assertNoLeftovers(first);
        assertNoLeftovers(second);
    }

    @Test
    void twoContainersOnOneNetworkReachEachOther() throws Exception {
        TestNet net = network("e");
        String ns1 = newNetns("e1");
        String ns2 = newNetns("e2");
        NetnsHandle h1 = hold(NetnsHandle.open(Path.of("/run/netns", ns1)));
        NetnsHandle h2 = hold(NetnsHandle.open(Path.of("/run/netns", ns2)));

        Attachments a1 = cni.attach("skiff-it-" + id + "-1", h1.path(), List.of(net.load()));
        Attachments a2 = cni.attach("skiff-it-" + id + "-2", h2.path(), List.of(net.load()));
        String address2 = IpLiteral.format(a2.list().getFirst().addresses().getFirst().address());

        assertThat(HostNet.exitOf(pingFrom(ns1, address2))).as("ping the other container").isZero();
        assertThat(HostNet.leases(dataDir, net.name())).hasSize(2);

        cni.detach(a2);
        cni.detach(a1);
        assertNoLeftovers(net);
    }

    @Test
    void aPluginFailingInTheMiddleRollsBackTheBridgeAttachment() throws Exception {
        Path pluginDir = Files.createDirectory(tmp.resolve("plugins"));
        Path log = tmp.resolve("refuse.log");
        ScriptPlugins.failingAdd(pluginDir, "skiff-refuse", log);
        List<Path> dirs = new ArrayList<>(List.of(pluginDir));
        dirs.addAll(PluginPath.defaults().dirs());
        Cni withScript = new Cni(new PluginPath(dirs), new SpawnPluginExecutor());
        TestNet net = network("f", "skiff-refuse", "loopback");
        String ns = newNetns("f");
        NetnsHandle handle = hold(NetnsHandle.open(Path.of("/run/netns", ns)));

        PluginException e = catchThrowableOfType(PluginException.class,
                () -> withScript.attach("skiff-it-" + id, handle.path(), List.of(net.load())));

        assertThat(e.network()).isEqualTo(net.name());
        assertThat(e.plugin()).isEqualTo("skiff-refuse");
        assertThat(e.getMessage()).contains("skiff test plugin refuses: by design (code 100)");
        assertThat(e.getSuppressed()).isEmpty();
        assertThat(Files.readAllLines(log)).containsExactly("ADD eth0", "DEL eth0");
        assertNoLeftovers(net);
        assertThat(HostNet.exitOf("ip", "-n", ns, "link", "show", "eth0")).isNotZero();
    }

    @Test
    void aMissingPluginBinaryRollsBackTheBridgeAttachment() throws Exception {
        TestNet net = network("g", "skiff-no-such-plugin");
        String ns = newNetns("g");
        NetnsHandle handle = hold(NetnsHandle.open(Path.of("/run/netns", ns)));

        PluginException e = catchThrowableOfType(PluginException.class,
                () -> cni.attach("skiff-it-" + id, handle.path(), List.of(net.load())));

        assertThat(e.getMessage()).contains("plugin \"skiff-no-such-plugin\"", "not found in /usr/lib/cni");
        assertNoLeftovers(net);
    }

    private void assertNoLeftovers(TestNet net) throws IOException {
        assertThat(HostNet.portsOf(net.bridge())).as("veths left on " + net.bridge()).isEmpty();
        assertThat(HostNet.leases(dataDir, net.name())).as("host-local leases left").isEmpty();
    }

    private static String[] pingFrom(String ns, String target) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(HostNet.ping());
        cmd.addAll(List.of("-c1", "-W2", target));
        return cmd.toArray(String[]::new);
    }

    private String newNetns(String suffix) {
        String name = "skiff-it-" + id + "-" + suffix;
        HostNet.run("ip", "netns", "add", name);
        netnsNames.add(name);
        return name;
    }

    private NetnsHandle hold(NetnsHandle h) {
        handles.add(h);
        return h;
    }

    /** A process in a new network namespace of its own, like a container's init. */
    private Process holdNetnsInProcess() throws Exception {
        String own = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        Process p = new ProcessBuilder("unshare", "-n", "sleep", "300").redirectErrorStream(true).start();
        holders.add(p);
        Path ns = Path.of("/proc", Long.toString(p.pid()), "ns", "net");
        // unshare(2) happens after the fork: wait until the process has its own namespace.
        for (int i = 0; i < 500 && Files.readSymbolicLink(ns).toString().equals(own); i++) {
            Thread.sleep(10);
        }
        assertThat(Files.readSymbolicLink(ns).toString()).isNotEqualTo(own);
        return p;
    }

    /** A bridge network with a unique bridge and subnet; its conflist is written into confDir. */
    private TestNet network(String suffix, String... extraPlugins) throws IOException {
        String name = "skiff-it-" + id + "-" + suffix;
        String bridge = "skbr" + id + suffix; // at most 15 characters
        int octet;
        do {
            octet = ThreadLocalRandom.current().nextInt(1, 255);
        } while (!octets.add(octet));
        bridges.add(bridge);
        StringBuilder extra = new StringBuilder();
        for (String type : extraPlugins) {
            extra.append(",{\"type\":\"").append(type).append("\"}");
        }
        Files.writeString(confDir.resolve("50-" + name + ".conflist"), """
                {"cniVersion":"1.0.0","name":"%s","plugins":[
                  {"type":"bridge","bridge":"%s","isGateway":true,"ipMasq":false,
                   "ipam":{"type":"host-local","ranges":[[{"subnet":"10.231.%d.0/24"}]],
                           "routes":[{"dst":"0.0.0.0/0"}],"dataDir":"%s"}}%s]}
                """.formatted(name, bridge, octet, dataDir, extra));
        return new TestNet(name, bridge, octet, confDir);
    }

    record TestNet(String name, String bridge, int octet, Path confDir) {
        Network load() throws CniConfigException {
            return new ConfigDir(confDir).load(List.of(name)).getFirst();
        }

        String prefix() {
            return "10.231." + octet + ".";
        }

        String gateway() {
            return prefix() + "1";
        }
    }
}
