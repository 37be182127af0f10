package dev.skiff.mounts;

import dev.skiff.libc.Dirs;
import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import dev.skiff.spec.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The image's (builtin) volumes, buildah's runSetupBuiltinVolumes: each volume path gets a
 * directory in the container's persistent directory ({@link ContainerDirs#imageVolumeDir}),
 * filled on the first run from the rootfs's content at that path, then bind-mounted. Later
 * runs find it and mount it as the container left it.
 *
 * <p>Differences from buildah, on purpose:
 * <ul>
 *   <li>the source is read through {@link RootfsAccess} and copied by descriptors
 *       ({@link TreeCopy}): a volume path that is, or passes through, a symlink resolves
 *       inside the rootfs, never on the host (the seed's copyWithTar followed it on the host);
 *   <li>the rootfs is not modified: runc creates a missing mount point itself (buildah
 *       makes it in the rootfs);
 *   <li>the copy is made in a temporary directory and renamed into place, so a run that
 *       fails or is killed mid-copy leaves no half-filled volume for the next run to trust
 *       (buildah takes the directory's existence as "filled").
 * </ul>
 * A missing source gives an empty directory, mode 0755, owned by the container's root.
 */
public final class ImageVolumes {
    /** buildah's define.BindOptions. */
    static final List<String> OPTIONS = List.of("bind");

    private final RootfsAccess rootfs;
    private final ContainerDirs dirs;
    private final HostOwner containerRoot;

    public ImageVolumes(RootfsAccess rootfs, ContainerDirs dirs, HostOwner containerRoot) {
        this.rootfs = rootfs;
        this.dirs = dirs;
        this.containerRoot = containerRoot;
    }

    /** Checks an image config's volume path (absolute, not "/") and cleans it. */
    public static String checkPath(String volume) throws MountException {
        if (volume.isEmpty() || !CleanPath.isAbsolute(volume)) {
            throw MountException.invalid("image volume", volume, "not an absolute path");
        }
        if (volume.indexOf('\0') >= 0) {
            throw MountException.invalid("image volume", volume.replace("\0", "\\0"), "contains a NUL byte");
        }
        String clean = CleanPath.clean(volume);
        if (clean.equals("/")) {
            throw MountException.invalid("image volume", volume, "would cover the container's root");
        }
        return clean;
    }

    /** Every volume checked first, then each filled if new; the bind mounts, in order. */
    public List<Mount> prepare(List<String> volumes) throws MountException {
        List<String> clean = new ArrayList<>();
        for (String volume : volumes) {
            clean.add(checkPath(volume));
        }
        List<Mount> mounts = new ArrayList<>();
        for (String volume : clean) {
            mounts.add(prepare(volume));
        }
        return mounts;
    }

    private Mount prepare(String volume) throws MountException {
        Path dir = dirs.imageVolumeDir(volume);
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                fillOnce(volume, dir);
            }
        } catch (IOException e) {
            throw MountException.failed("image volume", volume, e);
        }
        return Mount.of(volume, "bind", dir.toString(), OPTIONS);
    }

    private void fillOnce(String volume, Path dir) throws IOException {
        Path volumes = dirs.createVolumesDir();
        Path temp = Files.createTempDirectory(volumes, "." + dir.getFileName() + ".");
        try {
            fill(volume, temp);
            publish(temp, dir);
        } finally {
            Trees.deleteRecursively(temp);
        }
    }

    private void fill(String volume, Path target) throws IOException {
        OwnedFd source;
        try {
            source = rootfs.open(volume, Fds.O_RDONLY | Fds.O_DIRECTORY | Fds.O_NOCTTY);
        } catch (NoSuchFileException e) {
            makeEmpty(target);
            return;
        }
        try (source) {
            TreeCopy.copy(source, target, "image volume `" + volume + "`");
        }
    }

    private void makeEmpty(Path target) throws IOException {
        try (OwnedFd fd = Fds.open(target.toString(), Fds.O_RDONLY | Fds.O_DIRECTORY | Fds.O_NOFOLLOW | Fds.O_CLOEXEC, 0)) {
            Dirs.fchown(fd.fd(), containerRoot.uid(), containerRoot.gid());
            Dirs.fchmod(fd.fd(), 0755);
        }
    }

    /** Renames the filled copy into place; if a concurrent run got there first, its copy stays. */
    private static void publish(Path temp, Path dir) throws IOException {
        try {
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
        }
    }
}
