package dev.skiff.runtime;

import dev.skiff.spec.ConsoleSize;
import dev.skiff.spec.ProcessSpec;
import dev.skiff.spec.Spec;
import dev.skiff.spec.SpecDefaults;
import java.nio.file.Path;

/** Turns a {@link RunRequest} into the container's {@code config.json}. */
final class ConfigGenerator {
    private ConfigGenerator() {}

    /**
     * runtime-tools' defaults, then the request. Without a hostname, the container is
     * named after its id, as buildah names it after its container id.
     */
    static Spec generate(RunRequest request, Path rootfs, String shortId) {
        Spec spec = SpecDefaults.generate()
                .withRootPath(rootfs.toString())
                .withHostname(request.hostname() != null ? request.hostname() : shortId)
                .withProcess(p -> process(p, request));
        return spec;
    }

    private static ProcessSpec process(ProcessSpec defaults, RunRequest request) {
        ProcessSpec p = defaults.withArgs(request.command());
        for (String entry : request.env()) {
            int eq = entry.indexOf('=');
            p = p.withEnv(entry.substring(0, eq), entry.substring(eq + 1));
        }
        if (request.workingDir() != null) {
            p = p.withCwd(request.workingDir());
        }
        if (request.terminal()) {
            RunRequest.ConsoleSize size = request.consoleSize();
            p = p.withTerminal(true).withConsoleSize(size == null ? null : new ConsoleSize(size.rows(), size.columns()));
        }
        return p;
    }
}
