package dev.skiff.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A CNI network of one test: a conflist (bridge with host-local IPAM, then loopback) in a
 * config directory of its own, on a bridge whose name no other test uses and a /24 in
 * {@code block} that no host route uses, with host-local's leases in the test's directory.
 * The bridge appears at the first ADD; {@link #close()} removes it.
 *
 * @param name     the network's name, for {@code --network}
 * @param bridge   the bridge's name (at most 15 characters)
 * @param subnet   the /24's first three octets and the dot ({@code 10.238.7.})
 * @param confDir  the directory holding the conflist, for {@code --cni-config-dir}
 * @param leaseDir host-local's {@code dataDir}
 */
public record CniBridge(String name, String bridge, String subnet, Path confDir, Path leaseDir)
        implements AutoCloseable {
    private static final List<Path> PLUGIN_DIRS = List.of(Path.of("/usr/lib/cni"), Path.of("/opt/cni/bin"),
            Path.of("/usr/libexec/cni"), Path.of("/usr/local/lib/cni"));

    /**
     * @param prefix the bridge name's start (at most 9 characters: a random 6-hex suffix follows)
     * @param block  the first two octets of the address block, {@code 10.238}
     */
    public static CniBridge create(Path dir, String prefix, String block) throws IOException, InterruptedException {
        String suffix = Integer.toHexString(0x100000 + ThreadLocalRandom.current().nextInt(0xF00000));
        CniBridge net = new CniBridge("skiff-" + prefix + "-" + suffix, prefix + suffix, unusedSubnet(block),
                Files.createDirectories(dir.resolve("net.d")), Files.createDirectories(dir.resolve("leases")));
        Files.writeString(net.confDir().resolve("50-" + net.name() + ".conflist"), """
                {"cniVersion": "1.0.0", "name": "%s", "plugins": [
                  {"type": "bridge", "bridge": "%s", "isGateway": true, "ipMasq": false,
                   "ipam": {"type": "host-local", "ranges": [[{"subnet": "%s0/24"}]], "dataDir": "%s"}},
                  {"type": "loopback"}]}
                """.formatted(net.name(), net.bridge(), net.subnet(), net.leaseDir()));
        return net;
    }

    /** The directory with the bridge, host-local and loopback plugins, if this host has them. */
    public static Optional<Path> pluginDir() {
        return PLUGIN_DIRS.stream().filter(d -> List.of("bridge", "host-local", "loopback").stream()
                .allMatch(p -> Files.isExecutable(d.resolve(p)))).findFirst();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (Files.exists(Path.of("/sys/class/net", bridge))) {
            run("ip", "link", "del", bridge);
        }
    }

    /** A /24 of {@code block} that appears in no route of the host (another test's bridge, say). */
    private static String unusedSubnet(String block) throws IOException, InterruptedException {
        String routes = run("ip", "-4", "route", "show", "table", "all");
        for (int tries = 0; tries < 50; tries++) {
            String subnet = block + "." + ThreadLocalRandom.current().nextInt(1, 255) + ".";
            if (!routes.contains(subnet)) {
                return subnet;
            }
        }
        throw new IOException("no free /24 in " + block + ".0.0/16 on this host");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
