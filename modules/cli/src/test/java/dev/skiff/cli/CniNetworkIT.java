package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.cli.TestBridgeNetwork.HostCommands;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code skiff run --network} with the real bridge, host-local and loopback plugins on
 * a bridge and subnet of this class's own, and the other network modes. After every
 * test the host has no new veth, host-local holds no lease, runc knows no container
 * and the state dir is empty. Runc gets a root of this class's own: other tests on the
 * host create containers meanwhile. Missing plugins fail with CI=true and skip elsewhere.
 */
@Tag("integration")
class CniNetworkIT {
    private static final Pattern INET = Pattern.compile("inet (\\d+\\.\\d+\\.\\d+\\.\\d+)/24");

    @TempDir
    static Path shared;
    static Path rootfs;
    static Path runcRoot;
    static TestBridgeNetwork net;

    @TempDir
    Path stateDir;
    @TempDir
    Path work;
    List<String> vethsBefore;

    @BeforeAll
    static void prepare() throws Exception {
        Prerequisites.root();
        Prerequisites.runc();
        TestBridgeNetwork.requirePlugins();
        rootfs = shared.resolve("rootfs");
        runcRoot = Files.createDirectory(shared.resolve("runc"));
        SkiffCommand.busyboxRootfs(rootfs);
        net = TestBridgeNetwork.create(shared);
    }

    /** Runs after a failed prepare too: the bridge and namespaces never outlive the class. */
    @AfterAll
    static void removeBridgeAndNamespaces() {
        if (net != null) {
            net.close();
        }
    }

    @BeforeEach
    void recordVeths() {
        vethsBefore = HostCommands.veths(net.bridge());
    }

    @AfterEach
    void nothingIsLeftBehind() throws Exception {
        assertThat(newVethsThatStay()).as("veths left on the host").isEmpty();
        assertThat(net.ports()).as("ports left on " + net.bridge()).isEmpty();
        assertThat(net.leases()).as("host-local leases left").isEmpty();
        assertThat(HostCommands.run(Prerequisites.runc().toString(), "--root", runcRoot.toString(), "list", "-q"))
                .as("runc list").isBlank();
        assertThat(SkiffCommand.entries(stateDir)).as("bundles left in the state dir").isEmpty();
    }

    /** New veths on no bridge or ours; another test's veth on its way to its bridge is given 3 s. */
    private List<String> newVethsThatStay() throws InterruptedException {
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            added = new ArrayList<>(HostCommands.veths(net.bridge()));
            added.removeAll(vethsBefore);
            if (added.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        return added;
    }

    @Test
    void containerHasItsAddressReachesTheGatewayAndNamesItselfInHosts() throws Exception {
        SkiffCommand.Result r = skiff(net.name(), "--hostname", "cni-box", "sh", "-c",
                "ip -4 -o addr show eth0; ping -c1 -W2 " + net.gateway() + " >/dev/null && echo pinged; cat /etc/hosts");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        String address = addressIn(r.stdout());
        assertThat(address).startsWith(net.prefix()).isNotEqualTo(net.gateway());
        assertThat(r.stdout()).contains("pinged\n");
        assertThat(r.stdout()).containsPattern("(?m)^" + Pattern.quote(address) + "\\s+cni-box$");
    }

    @Test
    void twoConcurrentContainersReachEachOther() throws Exception {
        // sh as init ignores TERM without a handler: the trap lets the stop signal end it.
        Process first = start(skiffArgs(net.name(), "sh", "-c",
                "trap 'exit 0' TERM; ip -4 -o addr show eth0; while :; do sleep 1; done"));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
            assertThat(line).as("the first container's address line; stderr: %s", backgroundStderr()).isNotNull();
            String firstAddress = addressIn(line);
            assertThat(net.leases()).containsExactly(firstAddress);

            SkiffCommand.Result second = skiff(net.name(), "sh", "-c",
                    "ip -4 -o addr show eth0; ping -c1 -W2 " + firstAddress + " >/dev/null && echo reached");

            assertThat(second.exitCode()).as(second.stderr()).isZero();
            assertThat(addressIn(second.stdout())).isNotEqualTo(firstAddress);
            assertThat(second.stdout()).endsWith("reached\n");
            assertThat(net.leases()).as("after the second run").containsExactly(firstAddress);
            assertThat(net.ports()).as("after the second run").hasSize(1);
        } finally {
            first.destroy(); // SIGTERM: skiff stops the container and tears its network down
            if (!first.waitFor(60, TimeUnit.SECONDS)) {
                first.destroyForcibly().waitFor();
            }
        }
        assertThat(first.exitValue()).as("128 + SIGTERM; stderr: %s", backgroundStderr()).isEqualTo(143);
    }

    @Test
    void networkNoneHasOnlyLoopback() throws Exception {
        SkiffCommand.Result r = skiff("none", "ip", "-o", "link");
        assertThat(HostCommands.linkNames(r.stdout())).containsExactly("lo");
    }

    @Test
    void networkHostSeesTheHostsInterfaces() throws Exception {
        Set<String> before = hostLinks();
        SkiffCommand.Result r = skiff("host", "ls", "/sys/class/net");
        Set<String> after = hostLinks();

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Set<String> inside = new HashSet<>(r.stdout().lines().toList());
        // Other processes may add or remove links meanwhile: only the stable ones must match.
        Set<String> stable = new HashSet<>(before);
        stable.retainAll(after);
        Set<String> any = new HashSet<>(before);
        any.addAll(after);
        assertThat(inside).containsAll(stable).isSubsetOf(any).hasSizeGreaterThan(1);
    }

    @Test
    void nsPathJoinsANamespaceMadeWithIpNetns() throws Exception {
        Path ns = net.newNamespace("join");
        String name = ns.getFileName().toString();
        String address = net.prefix() + "250/32";
        HostCommands.run("ip", "-n", name, "addr", "add", address, "dev", "lo");

        SkiffCommand.Result r = skiff("ns:" + ns, "ip", "-o", "addr", "show", "lo");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("inet " + address);
        assertThat(ns).as("a joined namespace is not skiff's to remove").exists();
    }

    @Test
    void aFailingPluginInTheMiddleExits125WithItsMessageAndLeavesNothing() throws Exception {
        SkiffCommand.Result r = SkiffCommand.run(skiffArgs(net.failingName(), "--cni-plugin-path", net.pluginPath(),
                "echo", "never runs"));

        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).startsWith("skiff: ").contains(TestBridgeNetwork.FAILING_PLUGIN)
                .contains(TestBridgeNetwork.FAILING_MESSAGE);
    }

    private SkiffCommand.Result skiff(String network, String... args) throws IOException, InterruptedException {
        return SkiffCommand.run(skiffArgs(network, args));
    }

    /** {@code run} on this class's rootfs, runc root, state dir and config dir; NET_RAW for busybox's ping. */
    private List<String> skiffArgs(String network, String... args) {
        List<String> argv = new ArrayList<>(List.of("run", "--runtime-flag", "root=" + runcRoot,
                "--state-dir", stateDir.toString(),
                "--rootfs", rootfs.toString(), "--network", network, "--cni-config-dir", net.configDir().toString(),
                "--cap-add", "net_raw"));
        argv.addAll(Arrays.asList(args));
        return argv;
    }

    /** A skiff run in the background: stdin empty, stderr into a file that {@link #backgroundStderr} reads. */
    private Process start(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(SkiffCommand.launcher().toString()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectError(work.resolve("background.err").toFile()).start();
    }

    private String backgroundStderr() {
        try {
            return Files.readString(work.resolve("background.err"));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static String addressIn(String ipAddrOutput) {
        Matcher m = INET.matcher(ipAddrOutput);
        assertThat(m.find()).as("an IPv4 /24 address in: %s", ipAddrOutput).isTrue();
        return m.group(1);
    }

    private static Set<String> hostLinks() throws IOException {
        try (Stream<Path> links = Files.list(Path.of("/sys/class/net"))) {
            return new HashSet<>(links.map(p -> p.getFileName().toString()).toList());
        }
    }
}
