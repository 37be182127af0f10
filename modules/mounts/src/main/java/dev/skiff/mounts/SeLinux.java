package dev.skiff.mounts;

import dev.skiff.libc.Xattrs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code z}/{@code Z} volume options: relabel the host path for the container, as
 * go-selinux's {@code label.Relabel} does for buildah — only on a host where SELinux is
 * enabled, and only when the run has a mount label. Elsewhere the options are accepted
 * and do nothing, which is said once per process at INFO.
 */
final class SeLinux {
    static final Path ENFORCE = Path.of("/sys/fs/selinux/enforce");
    static final String ATTRIBUTE = "security.selinux";

    /** go-selinux refuses to relabel these: relabeling them would break the host. */
    private static final Set<String> REFUSED = Set.of("/", "/bin", "/boot", "/dev", "/etc", "/etc/passwd",
            "/etc/pki", "/etc/shadow", "/home", "/lib", "/lib64", "/media", "/opt", "/proc", "/root", "/run",
            "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var", "/var/lib", "/var/log");

    private static final System.Logger LOG = System.getLogger(SeLinux.class.getName());
    private static final AtomicBoolean NOTED = new AtomicBoolean();

    private SeLinux() {}

    /** As containers' tools decide it: selinuxfs is mounted. */
    static boolean enabled() {
        return Files.exists(ENFORCE);
    }

    static void noteIgnored(String spec) {
        if (NOTED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.INFO, "SELinux is not enabled on this host: the z/Z option of volume `{0}`"
                    + " (and of any other volume) changes nothing", spec);
        }
    }

    /**
     * The label a path gets: the mount label itself for {@code Z}; for {@code z} the same
     * with level {@code s0}, so that every container may share it.
     */
    static String label(String mountLabel, boolean shared) {
        if (!shared) {
            return mountLabel;
        }
        String[] parts = mountLabel.split(":", 4);
        if (parts.length < 3) {
            throw new IllegalArgumentException("not an SELinux context (user:role:type[:level]): " + mountLabel);
        }
        return parts[0] + ":" + parts[1] + ":" + parts[2] + ":s0";
    }

    /** Refuses system directories and the user's home, as go-selinux does. */
    static void checkRelabelable(Path path) throws IOException {
        String clean = CleanPath.clean(path.toAbsolutePath().toString());
        String home = System.getProperty("user.home");
        if (REFUSED.contains(clean) || (home != null && clean.equals(home))) {
            throw new IOException("SELinux relabeling of `" + clean + "` is not allowed");
        }
    }

    /** Sets the label on {@code path} and, for a directory, everything below it (symlinks themselves, not followed). */
    static void relabel(Path path, String label) throws IOException {
        byte[] value = label.getBytes(StandardCharsets.UTF_8);
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Xattrs.setLink(dir.toString(), ATTRIBUTE, value);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Xattrs.setLink(file.toString(), ATTRIBUTE, value);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
