package dev.skiff.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Tiny shell-script plugins written into a test's plugin directory. */
final class ScriptPlugins {
    private ScriptPlugins() {}

    static Path write(Path dir, String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /**
     * A plugin that logs each command to {@code log}, fails ADD with an error object and
     * exit 1, and succeeds at everything else (as DEL must, for what it never added).
     */
    static Path failingAdd(Path dir, String name, Path log) throws IOException {
        return write(dir, name, """
                cat >/dev/null
                echo "$CNI_COMMAND $CNI_IFNAME" >> '%s'
                if [ "$CNI_COMMAND" = ADD ]; then
                  echo '{"cniVersion":"1.0.0","code":100,"msg":"skiff test plugin refuses","details":"by design"}'
                  echo 'refusing on purpose' >&2
                  exit 1
                fi
                exit 0
                """.formatted(log));
    }
}
