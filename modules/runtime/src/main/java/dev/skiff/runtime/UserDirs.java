package dev.skiff.runtime;

import dev.skiff.libc.Processes;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;

/**
 * The directories an unprivileged user's runs keep their state in: its runtime directory
 * ({@code $XDG_RUNTIME_DIR}) when it really is the user's, else a directory of its own in
 * /tmp. A directory in /tmp that someone else made first (or made writable to others) is
 * refused, so another user can neither read nor plant a runtime's state.
 */
final class UserDirs {
    private static final Set<PosixFilePermission> SHARED = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    /**
     * This process's effective uid, from /proc rather than geteuid(2): a library caller's JVM
     * builds requests (and asks for the default state directory) without native access.
     */
    private static final int EUID = readEuid();

    private UserDirs() {}

    /** Whether this process runs as an ordinary user, so runc runs rootless. */
    static boolean rootless() {
        return EUID != 0;
    }

    private static int readEuid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).strip().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the native call
        }
        return Processes.geteuid();
    }

    /**
     * runc's {@code --root} for a rootless run: {@code $XDG_RUNTIME_DIR/skiff-runc} or
     * {@code /tmp/skiff-runc-UID}, created 0700. runc's own rootless default would be
     * {@code $XDG_RUNTIME_DIR/runc}, which fails without that variable and is shared with
     * every other runc client of the user.
     */
    static Path runtimeRoot() throws IOException {
        Path dir = runtimeDir().map(d -> d.resolve("skiff-runc"))
                .orElse(Path.of("/tmp", "skiff-runc-" + EUID));
        return ensureOwn(dir);
    }

    /** Where bundles go by default for this user: {@code $XDG_RUNTIME_DIR/skiff} or {@code /tmp/skiff-UID}. */
    static Path stateDir() {
        return runtimeDir().map(d -> d.resolve("skiff")).orElse(Path.of("/tmp", "skiff-" + EUID));
    }

    /**
     * {@code $XDG_RUNTIME_DIR} when it is set, absolute, and a directory this user owns: a
     * {@code runuser} or {@code sudo -u} keeps the caller's, which is not the user's.
     */
    private static Optional<Path> runtimeDir() {
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg == null || xdg.isEmpty() || !Path.of(xdg).isAbsolute()) {
            return Optional.empty();
        }
        Path dir = Path.of(xdg);
        try {
            return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && owner(dir) == EUID
                    ? Optional.of(dir) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Makes {@code dir} (0700) unless it exists; then it must be this user's and not writable by others. */
    static Path ensureOwn(Path dir) throws IOException {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return dir;
        } catch (FileAlreadyExistsException e) {
            checkOwn(dir);
            return dir;
        }
    }

    /** A state directory must be a real directory of this user that nobody else may write. */
    static void checkOwn(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("`" + dir + "`: not a directory (or a symbolic link)");
        }
        int uid = EUID;
        if (owner(dir) != uid) {
            throw new IOException("`" + dir + "`: owned by uid " + owner(dir) + ", not by this user (" + uid
                    + "); remove it or choose another directory");
        }
        if (!Collections.disjoint(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS), SHARED)) {
            throw new IOException("`" + dir + "`: writable by other users; make it 0700");
        }
    }

    private static int owner(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }
}
