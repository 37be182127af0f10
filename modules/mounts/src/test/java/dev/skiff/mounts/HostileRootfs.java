package dev.skiff.mounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A rootfs in a temp dir beside a "host" area, with symlinks that would read or write
 * host files if followed on the host:
 * <ul>
 *   <li>{@code /etc/secret -> <host secret>}: an absolute path that exists only on the host;
 *   <li>{@code /etc/passwd -> <host passwd>}: the same absolute path exists inside the
 *       rootfs too, with the container's content;
 *   <li>{@code /etc/relsecret -> ../../../…/<host secret>}: a relative climb out;
 *   <li>{@code /wd -> <host dir>}: a would-be working directory on an existing host directory;
 *   <li>{@code /up -> ..}: a relative link above the rootfs (on the host, the temp dir).
 * </ul>
 */
final class HostileRootfs {
    static final String HOST_SECRET = "host secret: must never be read\n";
    static final String HOST_PASSWD = "evil:x:0:0:evil:/:/bin/sh\n";
    static final String CONTAINER_PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            bob:x:1001:1001:Bob:/home/bob:/bin/sh
            """;

    final Path rootfs;
    final Path hostSecret;
    final Path hostPasswd;
    final Path hostDir;

    HostileRootfs(Path tmp) throws IOException {
        rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Path host = Files.createDirectories(tmp.resolve("host"));
        hostSecret = write(host.resolve("xyz-secret"), HOST_SECRET);
        hostPasswd = write(host.resolve("etc/passwd"), HOST_PASSWD);
        hostDir = Files.createDirectories(host.resolve("workdir"));

        Path etc = Files.createDirectories(rootfs.resolve("etc"));
        write(etc.resolve("shadow"), "container shadow\n");
        Files.createSymbolicLink(etc.resolve("secret"), hostSecret);
        Files.createSymbolicLink(etc.resolve("relsecret"), Path.of("../".repeat(40) + hostSecret.toString().substring(1)));
        // The same absolute path inside the rootfs holds the container's passwd.
        write(inside(hostPasswd), CONTAINER_PASSWD);
        Files.createSymbolicLink(etc.resolve("passwd"), hostPasswd);
        Files.createSymbolicLink(rootfs.resolve("wd"), hostDir);
        Files.createSymbolicLink(rootfs.resolve("up"), Path.of(".."));
    }

    /** Where the absolute path {@code hostPath} lies inside the rootfs. */
    Path inside(Path hostPath) {
        return rootfs.resolve(hostPath.toString().substring(1));
    }

    static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
