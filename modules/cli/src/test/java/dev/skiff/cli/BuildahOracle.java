package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.testkit.Prerequisite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * buildah as an oracle: what config.json {@code buildah run} hands its runtime. The runtime
 * is a wrapper script that, for {@code create} or {@code run}, copies the bundle's
 * config.json (and notes the bundle path) and fails with exit 42, so no container is ever
 * started and buildah removes its bundle itself; any other verb goes to runc.
 *
 * <p>Working containers are made from {@code scratch} with the busybox rootfs copied in,
 * one per distinct set of {@code buildah from} flags and {@code buildah config} settings
 * (buildah takes resource, security and ID-mapping options only there), and removed by
 * {@link #close()}.
 */
final class BuildahOracle implements AutoCloseable {
    static final Path BUILDAH = Path.of("/usr/bin/buildah");
    private static final int WRAPPER_EXIT = 42;
    private static final String WRAPPER = """
            #!/bin/sh
            # Records the config.json buildah generated, then refuses to create the container.
            out="$(dirname "$0")/captured"
            verb= bundle= prev=
            for a in "$@"; do
              case "$prev" in --bundle|-b) bundle=$a ;; esac
              case "$a" in
                --bundle=*) bundle=${a#--bundle=} ;;
                create|run) [ -z "$verb" ] && verb=$a ;;
              esac
              prev=$a
            done
            if [ -n "$verb" ] && [ -n "$bundle" ]; then
              cp "$bundle/config.json" "$out/config.json" && printf '%s' "$bundle" > "$out/bundle"
              exit 42
            fi
            exec @RUNC@ "$@"
            """;

    private final Path rootfs;
    private final Path wrapper;
    private final Path captured;
    private final String prefix = "skiff-oracle-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<List<String>, String> containers = new LinkedHashMap<>();

    /** What buildah generated: the config and the bundle directory it was in. */
    record Capture(String configJson, Path bundle) {}

    /**
     * @param rootfs what every working container gets copied in
     * @param work   a directory for the wrapper and what it captures
     */
    BuildahOracle(Path rootfs, Path work) throws IOException {
        this.rootfs = rootfs;
        this.wrapper = work.resolve("record-runtime");
        this.captured = Files.createDirectories(work.resolve("captured"));
        Files.writeString(wrapper, WRAPPER.replace("@RUNC@", Prerequisites.runc().toString()));
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    }

    /** buildah must be there; a missing one skips locally and fails with CI=true. */
    static void require() {
        if (Files.isExecutable(BUILDAH)) {
            return;
        }
        String why = BUILDAH + " is missing (scripts/host-packages installs buildah)";
        Prerequisite.missing(why);
    }

    /**
     * {@code buildah run --runtime WRAPPER RUN_FLAGS CONTAINER -- COMMAND} in a container made
     * with {@code fromFlags} and configured with {@code configFlags}.
     */
    Capture run(List<String> fromFlags, List<String> configFlags, List<String> runFlags, List<String> command)
            throws IOException, InterruptedException {
        String container = container(fromFlags, configFlags);
        Files.deleteIfExists(captured.resolve("config.json"));
        Files.deleteIfExists(captured.resolve("bundle"));
        List<String> argv = new ArrayList<>(List.of("run", "--runtime", wrapper.toString()));
        argv.addAll(runFlags);
        argv.add(container);
        argv.add("--");
        argv.addAll(command);
        Result r = buildah(argv);
        assertThat(captured.resolve("config.json")).as("buildah %s never reached the runtime: %s", argv, r.stderr())
                .exists();
        assertThat(r.stderr()).as("buildah failed for another reason").contains("exit status " + WRAPPER_EXIT);
        Path bundle = Path.of(Files.readString(captured.resolve("bundle")));
        assertThat(bundle).as("buildah removes its bundle after a failed create").doesNotExist();
        return new Capture(Files.readString(captured.resolve("config.json")), bundle);
    }

    private String container(List<String> fromFlags, List<String> configFlags) throws IOException, InterruptedException {
        List<String> key = new ArrayList<>(fromFlags);
        key.add("--config--");
        key.addAll(configFlags);
        String existing = containers.get(key);
        if (existing != null) {
            return existing;
        }
        String name = prefix + "-" + containers.size();
        List<String> from = new ArrayList<>(List.of("from", "--name", name));
        from.addAll(fromFlags);
        from.add("scratch");
        check(buildah(from), from);
        containers.put(key, name);
        check(buildah(List.of("copy", name, rootfs.toString(), "/")), List.of("copy"));
        if (!configFlags.isEmpty()) {
            List<String> config = new ArrayList<>(List.of("config"));
            config.addAll(configFlags);
            config.add(name);
            check(buildah(config), config);
        }
        return name;
    }

    /** Removes every working container this oracle made; all are tried, the first failure is thrown. */
    @Override
    public void close() throws IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        for (String name : containers.values()) {
            Result r = buildah(List.of("rm", name));
            if (r.exitCode() != 0) {
                failures.add(name + ": " + r.stderr().strip());
            }
        }
        containers.clear();
        assertThat(failures).as("buildah rm").isEmpty();
    }

    private record Result(int exitCode, String stderr) {}

    private static void check(Result r, List<String> argv) {
        assertThat(r.exitCode()).as("buildah %s: %s", argv, r.stderr()).isZero();
    }

    private static Result buildah(List<String> args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        argv.add(BUILDAH.toString());
        argv.addAll(args);
        Process p = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("buildah " + args + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), new String(err, StandardCharsets.UTF_8));
    }
}
