package dev.skiff.cli;

import dev.skiff.testkit.Prerequisite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A CNI bridge network for one test class, with everything it puts on the host: a
 * unique bridge name, a private 10.232.x.0/24 subnet no host route uses, a conflist
 * (bridge + host-local, loopback) and a second one with a failing script plugin
 * between the two, host-local's lease store in the test's directory, and the named network
 * namespaces the test makes. {@link #close()} removes the bridge and the namespaces.
 */
final class TestBridgeNetwork implements AutoCloseable {
    static final List<String> PLUGINS = List.of("bridge", "host-local", "loopback");
    static final String FAILING_PLUGIN = "skiff-it-refuse";
    static final String FAILING_MESSAGE = "skiff test plugin refuses";
    private static final List<Path> PLUGIN_DIRS = Stream.of("/usr/lib/cni", "/opt/cni/bin", "/usr/libexec/cni",
            "/usr/local/lib/cni").map(Path::of).toList();

    private final String id = HexFormat.of().formatHex(randomBytes()).substring(0, 5);
    private final String bridge = "skcli" + id;
    private final String prefix;
    private final Path configDir;
    private final Path dataDir;
    private final Path scriptDir;
    private final List<String> namespaces = new ArrayList<>();

    private TestBridgeNetwork(Path dir) throws IOException {
        configDir = Files.createDirectories(dir.resolve("net.d"));
        dataDir = Files.createDirectories(dir.resolve("ipam"));
        scriptDir = Files.createDirectories(dir.resolve("plugins"));
        prefix = "10.232." + unusedOctet() + ".";
    }

    /** Writes both conflists and the failing plugin under {@code dir}; the bridge appears at the first ADD. */
    static TestBridgeNetwork create(Path dir) throws IOException {
        TestBridgeNetwork net = new TestBridgeNetwork(dir);
        net.writeConflist(net.name(), "{\"type\":\"loopback\"}");
        net.writeConflist(net.failingName(), "{\"type\":\"" + FAILING_PLUGIN + "\"},{\"type\":\"loopback\"}");
        net.writeFailingPlugin();
        return net;
    }

    /** The real plugins, or a failure with CI=true (CI must never pass by skipping) and a skip elsewhere. */
    static void requirePlugins() {
        List<String> missing = PLUGINS.stream().filter(p -> pluginDir(p).isEmpty()).toList();
        if (missing.isEmpty() && HostCommands.onPath("ip")) {
            return;
        }
        String why = "CNI tests need the plugins " + missing + " in " + PLUGIN_DIRS + " and ip (iproute2);"
                + " scripts/host-packages installs containernetworking-plugins and iproute2";
        Prerequisite.missing(why);
    }

    String name() {
        return "skiff-cli-" + id;
    }

    String failingName() {
        return name() + "-fail";
    }

    Path configDir() {
        return configDir;
    }

    /** The failing script's directory, then the real plugins' (for --cni-plugin-path). */
    String pluginPath() {
        return scriptDir + ":" + pluginDir("bridge").orElseThrow();
    }

    String bridge() {
        return bridge;
    }

    /** The first three octets and the dot: {@code 10.232.x.}. */
    String prefix() {
        return prefix;
    }

    String gateway() {
        return prefix + "1";
    }

    /** The addresses host-local has leased in either network (its lock and last_reserved_ip files aside). */
    List<String> leases() throws IOException {
        List<String> leases = new ArrayList<>();
        for (String network : List.of(name(), failingName())) {
            Path dir = dataDir.resolve(network);
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    files.map(f -> f.getFileName().toString())
                            .filter(f -> !f.equals("lock") && !f.startsWith("last_reserved_ip"))
                            .forEach(leases::add);
                }
            }
        }
        return leases;
    }

    /** The host ends of the veths enslaved to the bridge (none before the first ADD). */
    List<String> ports() {
        if (HostCommands.exec("ip", "link", "show", bridge).exit() != 0) {
            return List.of();
        }
        return HostCommands.linkNames(HostCommands.run("ip", "-o", "link", "show", "master", bridge));
    }

    /** A new named network namespace, removed again by {@link #close()}. */
    Path newNamespace(String suffix) {
        String ns = "skcli-" + id + "-" + suffix;
        namespaces.add(ns);
        HostCommands.run("ip", "netns", "add", ns);
        return Path.of("/run/netns", ns);
    }

    @Override
    public void close() {
        namespaces.forEach(ns -> HostCommands.exec("ip", "netns", "del", ns));
        HostCommands.exec("ip", "link", "del", bridge);
    }

    private void writeConflist(String network, String secondPlugin) throws IOException {
        Files.writeString(configDir.resolve("50-" + network + ".conflist"), """
                {"cniVersion":"1.0.0","name":"%s","plugins":[
                  {"type":"bridge","bridge":"%s","isGateway":true,"ipMasq":false,
                   "ipam":{"type":"host-local","ranges":[[{"subnet":"%s0/24"}]],
                           "routes":[{"dst":"0.0.0.0/0"}],"dataDir":"%s"}},
                  %s]}
                """.formatted(network, bridge, prefix, dataDir, secondPlugin));
    }

    /** Fails ADD with a CNI error object; DEL succeeds, as it must for what was never added. */
    private void writeFailingPlugin() throws IOException {
        Path p = scriptDir.resolve(FAILING_PLUGIN);
        Files.writeString(p, """
                #!/bin/sh
                cat >/dev/null
                if [ "$CNI_COMMAND" = ADD ]; then
                  echo '{"cniVersion":"1.0.0","code":100,"msg":"%s","details":"by design"}'
                  exit 1
                fi
                exit 0
                """.formatted(FAILING_MESSAGE));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Optional<Path> pluginDir(String plugin) {
        return PLUGIN_DIRS.stream().filter(d -> Files.isExecutable(d.resolve(plugin))).findFirst();
    }

    /** A third octet whose 10.232.x.0/24 appears in no host route (another test's bridge, say). */
    private static int unusedOctet() {
        String routes = HostCommands.run("ip", "-4", "route", "show", "table", "all");
        for (int tries = 0; tries < 50; tries++) {
            int octet = ThreadLocalRandom.current().nextInt(1, 255);
            if (!routes.contains("10.232." + octet + ".")) {
                return octet;
            }
        }
        throw new AssertionError("no free 10.232.x.0/24 subnet on this host");
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[3];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    /** Host commands (ip, runc) run from the tests. */
    static final class HostCommands {
        private HostCommands() {}

        record Result(int exit, String output) {}

        static Result exec(String... command) {
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(Arrays.toString(command) + " did not finish in 30 s");
                }
                return new Result(p.exitValue(), out);
            } catch (IOException e) {
                throw new AssertionError("cannot run " + Arrays.toString(command) + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        /** Its output, or an AssertionError with everything it printed. */
        static String run(String... command) {
            Result r = exec(command);
            if (r.exit() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + r.exit() + ": " + r.output());
            }
            return r.output();
        }

        /** The names in {@code ip -o link} output ({@code 7: veth1234@if2: <...>} gives veth1234). */
        static List<String> linkNames(String ipOLink) {
            return ipOLink.lines().map(l -> l.split(":\\s+")[1].split("@")[0]).toList();
        }

        /**
         * The host's veths that are on {@code bridge} or on no bridge: other tests on this
         * host may be adding veths to their own bridges meanwhile, and are not ours to judge.
         */
        static List<String> veths(String bridge) {
            String ours = run("ip", "-o", "link", "show", "type", "veth").lines()
                    .filter(l -> !l.contains(" master ") || l.contains(" master " + bridge + " "))
                    .collect(Collectors.joining("\n"));
            return linkNames(ours);
        }

        static boolean onPath(String tool) {
            return Stream.of("/usr/sbin", "/usr/bin", "/sbin", "/bin").anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
        }
    }
}
