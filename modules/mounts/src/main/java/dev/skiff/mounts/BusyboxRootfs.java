package dev.skiff.mounts;

import dev.skiff.libc.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A minimal root filesystem made from the host's static busybox (Debian's busybox-static):
 * /bin/busybox with a relative symlink for every applet, /etc/passwd and /etc/group with
 * root, an unprivileged user and nobody, and empty mount points and bind-mount targets.
 * It is the rootfs of Skiff's own tests and of {@code skiff} runs given no image, and the
 * "tiny static helper" crun's tests use to report what a container sees.
 *
 * <p>Built host-side in a directory the caller owns; the directory must not be writable
 * by anyone else while it is built.
 */
public final class BusyboxRootfs {
    /** The unprivileged user in /etc/passwd. */
    public static final String USER = "skiff";
    public static final int USER_UID = 1000;
    public static final int USER_GID = 1000;
    public static final String USER_HOME = "/home/skiff";
    /** A supplementary group listing {@link #USER} as member, so additional gids can be observed. */
    public static final int USERS_GID = 100;

    static final List<Path> BUSYBOX_CANDIDATES = List.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox"));

    private static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            skiff:x:1000:1000:skiff:/home/skiff:/bin/sh
            nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
            """;
    private static final String GROUP = """
            root:x:0:
            users:x:100:skiff
            skiff:x:1000:
            nogroup:x:65534:
            """;

    private BusyboxRootfs() {}

    /**
     * Builds the rootfs in {@code dir}, which must be empty or absent (it is created).
     * Returns {@code dir}. Ownership (root, and {@link #USER} for its home) is set only
     * when running as root; otherwise everything belongs to the caller, as rootless
     * runs map it.
     */
    public static Path create(Path dir) throws IOException {
        Path busybox = locateBusybox();
        prepareEmptyDirectory(dir);
        boolean asRoot = Processes.geteuid() == 0;
        try (RootfsAccess rootfs = RootfsAccess.open(dir)) {
            makeDirectories(rootfs, asRoot);
            writeFile(dir, "etc/passwd", PASSWD);
            writeFile(dir, "etc/group", GROUP);
            // Empty targets for the bind mounts of the bundle's hosts and resolv.conf.
            writeFile(dir, "etc/hosts", "");
            writeFile(dir, "etc/resolv.conf", "");
            BusyboxApplets.install(busybox, rootfs, asRoot ? 0 : -1);
        }
        return dir;
    }

    /**
     * The host's busybox: the first of /bin/busybox and /usr/bin/busybox that exists,
     * which must be statically linked (a dynamic one would need a loader and libc that
     * the rootfs does not have).
     */
    public static Path locateBusybox() throws IOException {
        for (Path candidate : BUSYBOX_CANDIDATES) {
            if (Files.isRegularFile(candidate)) {
                if (!ElfFile.isStaticallyLinked(candidate)) {
                    throw new IOException("`" + candidate + "` is dynamically linked (it has an ELF interpreter);"
                            + " a minimal rootfs needs a static busybox: install busybox-static");
                }
                return candidate;
            }
        }
        throw new NoSuchFileException(BUSYBOX_CANDIDATES.getFirst().toString(), null,
                "no busybox at " + BUSYBOX_CANDIDATES + ": install busybox-static (apt-get install busybox-static)");
    }

    private static void prepareEmptyDirectory(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir);
        } else if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotDirectoryException(dir + " (a busybox rootfs needs an empty directory)");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            if (entries.iterator().hasNext()) {
                throw new IOException("refusing to build a busybox rootfs in `" + dir + "`: the directory is not empty");
            }
        }
        // The container's "/" must be searchable by its unprivileged user.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void makeDirectories(RootfsAccess rootfs, boolean asRoot) throws IOException {
        int root = asRoot ? 0 : -1;
        for (String mountPoint : List.of("/proc", "/sys", "/dev", "/run", "/etc", "/home")) {
            rootfs.mkdirs(mountPoint, 0755, root, root);
        }
        rootfs.mkdirs("/tmp", 01777, root, root);
        rootfs.mkdirs("/root", 0700, root, root);
        rootfs.mkdirs(USER_HOME, 0755, asRoot ? USER_UID : -1, asRoot ? USER_GID : -1);
    }

    private static void writeFile(Path dir, String relative, String content) throws IOException {
        // CREATE_NEW is O_EXCL: it never follows a symlink planted at the name.
        Path file = dir.resolve(relative);
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
}
