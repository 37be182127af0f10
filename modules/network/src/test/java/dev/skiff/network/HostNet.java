package dev.skiff.network;

import dev.skiff.testkit.Prerequisite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The host side of the CNI integration tests: prerequisites (real plugins, iproute2,
 * root) and running host commands. A missing prerequisite skips locally but fails when
 * CI=true: CI must never pass by skipping.
 */
final class HostNet {
    static final List<String> PLUGINS = List.of("bridge", "host-local", "loopback");

    private HostNet() {}

    static void requirePrerequisites() {
        List<String> missing = new ArrayList<>();
        PluginPath path = PluginPath.defaults();
        PLUGINS.stream().filter(p -> path.find(p).isEmpty()).forEach(p -> missing.add("CNI plugin " + p + " (in " + path + ")"));
        if (onPath("ip") == null) {
            missing.add("ip (iproute2)");
        }
        if (ping().isEmpty()) {
            missing.add("ping or busybox");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("root");
        }
        if (missing.isEmpty()) {
            return;
        }
        String why = "CNI integration tests need " + String.join(", ", missing)
                + " (scripts/host-packages installs containernetworking-plugins, iproute2, busybox-static)";
        Prerequisite.missing(why);
    }

    /** {@code ping} when installed, else busybox's. */
    static List<String> ping() {
        if (onPath("ping") != null) {
            return List.of("ping");
        }
        return onPath("busybox") != null ? List.of("busybox", "ping") : List.of();
    }

    private static Path onPath(String name) {
        for (String dir : PluginCall.CLEAN_PATH.split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Runs a command; its stdout, or an AssertionError with everything it printed. */
    static String run(String... command) {
        Result r = exec(command);
        if (r.exit != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + r.exit + ": " + r.output);
        }
        return r.output;
    }

    /** Runs a command for cleanup: failures are ignored (the thing may never have existed). */
    static void quietly(String... command) {
        exec(command);
    }

    static int exitOf(String... command) {
        return exec(command).exit;
    }

    record Result(int exit, String output) {}

    static Result exec(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(Arrays.toString(command) + " did not finish");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + Arrays.toString(command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The names of the host links enslaved to {@code bridge} (the host ends of veths). */
    static List<String> portsOf(String bridge) {
        return run("ip", "-o", "link", "show", "master", bridge).lines()
                .map(l -> l.split(":\\s+")[1].split("@")[0])
                .toList();
    }

    /** The IP lease files host-local keeps for {@code network} in {@code dataDir}. */
    static List<String> leases(Path dataDir, String network) throws IOException {
        Path dir = dataDir.resolve(network);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(HostNet::isAddress)
                    .toList();
        }
    }

    private static boolean isAddress(String name) {
        try {
            IpLiteral.parse(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false; // host-local's lock and last_reserved_ip files
        }
    }

    /** Whether any descriptor of this JVM still refers to namespace {@code identity} ({@code net:[ino]}). */
    static boolean jvmHolds(String identity) throws IOException {
        Object nsfs = Files.getAttribute(Path.of("/proc/self/ns/net"), "unix:dev");
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return nsfs.equals(Files.getAttribute(fd, "unix:dev"))
                            && identity.equals("net:[" + Files.getAttribute(fd, "unix:ino") + "]");
                } catch (IOException e) {
                    return false; // closed while listing (the listing's own descriptor)
                }
            });
        }
    }
}
