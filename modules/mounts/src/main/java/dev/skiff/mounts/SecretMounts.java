package dev.skiff.mounts;

import dev.skiff.spec.Mount;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The mounts.conf entries of a run: each host path's content is copied (following
 * symlinks, as containers/common does; modes kept, owned by the container's root) under
 * the bundle's {@code secrets/} directory at the container path, and bind-mounted with
 * {@code bind,rprivate} as containers/common mounts it.
 *
 * <p>Unlike buildah, which copies into the container's persistent directory once and
 * reuses that copy on later runs, the copy is made afresh for every run and removed
 * with the bundle: a secret does not outlive the run, and a host-side update (a renewed
 * entitlement certificate) reaches the next run. A missing host path is skipped with a
 * warning, as buildah does; so is a socket, FIFO or device inside it.
 */
final class SecretMounts {
    static final String DIRECTORY = "secrets";
    static final List<String> OPTIONS = List.of("bind", "rprivate");

    private static final System.Logger LOG = System.getLogger(SecretMounts.class.getName());

    private SecretMounts() {}

    static List<Mount> copy(MountsConf conf, Path bundle, HostOwner owner, Set<String> covered, CreatedFiles created)
            throws IOException {
        List<Mount> mounts = new ArrayList<>();
        Path root = bundle.resolve(DIRECTORY);
        Set<String> taken = new HashSet<>(covered);
        for (MountsConf.Entry entry : conf.entries()) {
            // A volume over the path wins; of two lines for one path, the first (first destination wins).
            if (!taken.add(entry.container())) {
                continue;
            }
            if (!Files.exists(entry.host())) {
                LOG.log(System.Logger.Level.WARNING, "path `{0}` from {1} does not exist, skipping", entry.host(),
                        conf.file());
                continue;
            }
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                created.add(root);
            }
            Path target = root.resolve(entry.container().substring(1));
            copyTree(entry.host(), target, owner);
            mounts.add(Mount.of(entry.container(), "bind", target.toString(), OPTIONS));
        }
        return mounts;
    }

    /** Copies {@code source} (a file or directory, symlinks followed) to {@code target}, which must not exist. */
    static void copyTree(Path source, Path target, HostOwner owner) throws IOException {
        Files.createDirectories(target.getParent());
        Files.walkFileTree(source, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        Path to = target.resolve(source.relativize(dir).toString());
                        Files.createDirectory(to, PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rwx------")));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Path to = target.resolve(source.relativize(file).toString());
                        if (!attrs.isRegularFile()) {
                            LOG.log(System.Logger.Level.WARNING, "`{0}` is not a regular file, skipping", file);
                            return FileVisitResult.CONTINUE;
                        }
                        copyFile(file, to, owner);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        if (e != null) {
                            throw e;
                        }
                        Path to = target.resolve(source.relativize(dir).toString());
                        finish(to, Files.getPosixFilePermissions(dir), owner);
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    /** The copy is made 0600 first so a secret is never readable by others, even briefly. */
    private static void copyFile(Path from, Path to, HostOwner owner) throws IOException {
        Files.createFile(to, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (var in = Files.newInputStream(from); var out = Files.newOutputStream(to)) {
            in.transferTo(out);
        }
        finish(to, Files.getPosixFilePermissions(from), owner);
    }

    private static void finish(Path path, Set<PosixFilePermission> permissions, HostOwner owner) throws IOException {
        Files.setAttribute(path, "unix:uid", owner.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", owner.gid(), LinkOption.NOFOLLOW_LINKS);
        Files.setPosixFilePermissions(path, permissions);
    }
}
