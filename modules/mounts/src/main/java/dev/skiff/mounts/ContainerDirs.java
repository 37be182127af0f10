package dev.skiff.mounts;

import dev.skiff.libc.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Where a container's persistent state lives: {@code STATE_DIR/containers/NAME}. It outlives
 * runs (image volumes are filled once, on the first run, and keep what the container
 * writes) and is removed only by {@link #delete()}, when the container is removed.
 *
 * <pre>
 * STATE_DIR/containers/NAME/            0700
 * STATE_DIR/containers/NAME/volumes/    0700
 *     SHA256HEX(volume path)/           an image volume, mode and owner of its source
 * </pre>
 *
 * <p>The directories are 0700 and root's: runc 1.1 opens bind sources before it enters a
 * user namespace, so a mapped root needs no access to the path.
 *
 * @param stateDir the state directory ({@code --state-dir}), e.g. {@link #defaultStateDir()}
 * @param name     the container's name: {@code [A-Za-z0-9][A-Za-z0-9_.-]*}, as podman's names
 */
public record ContainerDirs(Path stateDir, String name) {
    /** The state directory of runs as root. */
    public static final Path ROOT_STATE_DIR = Path.of("/var/lib/skiff");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,253}");

    public ContainerDirs {
        if (!stateDir.isAbsolute()) {
            throw new IllegalArgumentException("state directory `" + stateDir + "` is not absolute");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("container name `" + name
                    + "` must match [A-Za-z0-9][A-Za-z0-9_.-]* (at most 254 characters)");
        }
    }

    /** In {@link #defaultStateDir()}. */
    public static ContainerDirs of(String name) {
        return new ContainerDirs(defaultStateDir(), name);
    }

    /**
     * /var/lib/skiff for root; otherwise {@code $XDG_DATA_HOME/skiff}, or
     * {@code ~/.local/share/skiff} (podman's rootless storage lives beside it).
     */
    public static Path defaultStateDir() {
        if (Processes.geteuid() == 0) {
            return ROOT_STATE_DIR;
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        if (xdg != null && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "skiff");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "skiff");
    }

    public Path containerDir() {
        return stateDir.resolve("containers").resolve(name);
    }

    public Path volumesDir() {
        return containerDir().resolve("volumes");
    }

    /** The directory of the image volume at {@code volumePath} (absolute, cleaned first). */
    public Path imageVolumeDir(String volumePath) {
        return volumesDir().resolve(volumeKey(volumePath));
    }

    /** The SHA-256 (hex) of the cleaned volume path: a fixed-length name any path maps to. */
    static String volumeKey(String volumePath) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(CleanPath.clean(volumePath).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Creates {@link #volumesDir()} and any missing parent, each new one 0700. */
    Path createVolumesDir() throws IOException {
        Path dir = volumesDir();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return dir;
    }

    /** Removes the container's persistent directory and everything in it (symlinks are not followed). */
    public void delete() throws IOException {
        Trees.deleteRecursively(containerDir());
    }
}
