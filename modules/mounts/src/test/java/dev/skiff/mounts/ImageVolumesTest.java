package dev.skiff.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skiff.libc.Dirs;
import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.FilesAt;
import dev.skiff.libc.Processes;
import dev.skiff.libc.Xattrs;
import dev.skiff.spec.Mount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageVolumesTest {
    private static final HostOwner CONTAINER_ROOT = new HostOwner(1234, 5678);
    private static final FileTime MTIME = FileTime.fromMillis(1_500_000_000_000L);

    @TempDir
    Path tmp;

    Path rootfs;
    Path hostSecrets;
    ContainerDirs dirs;
    RootfsAccess access;
    ImageVolumes volumes;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Processes.geteuid() == 0, "ownership is kept only when copying as root");
        rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        hostSecrets = Files.createDirectories(tmp.resolve("host-secrets"));
        Files.writeString(hostSecrets.resolve("key"), "host secret\n");
        dirs = new ContainerDirs(tmp.resolve("state"), "box");
        access = RootfsAccess.open(rootfs);
        volumes = new ImageVolumes(access, dirs, CONTAINER_ROOT);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (access != null) {
            access.close();
        }
    }

    private Path prepareOne(String volume) throws MountException {
        Mount mount = volumes.prepare(List.of(volume)).getFirst();
        assertThat(mount).isEqualTo(Mount.of(CleanPath.clean(volume), "bind", dirs.imageVolumeDir(volume).toString(),
                List.of("bind")));
        return Path.of(mount.source());
    }

    private static void own(Path path, int uid, int gid) throws IOException {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }

    private static void mode(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode);
    }

    private static long attr(Path path, String name) throws IOException {
        return ((Number) Files.getAttribute(path, "unix:" + name, LinkOption.NOFOLLOW_LINKS)).longValue();
    }

    private static void setXattr(Path path, String name, String value) throws ErrnoException {
        Xattrs.setLink(path.toString(), name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String xattr(Path path, String name) throws ErrnoException {
        return new String(Xattrs.getLink(path.toString(), name), StandardCharsets.UTF_8);
    }

    /** /data: a little of everything a volume may hold. */
    private Path populateData() throws IOException {
        Path data = Files.createDirectories(rootfs.resolve("data"));
        Path file = Files.writeString(data.resolve("file.txt"), "hello\n");
        own(file, 1000, 1001);
        mode(file, 0640);
        setXattr(file, "user.color", "blue");
        Files.setLastModifiedTime(file, MTIME);

        Path setuid = Files.writeString(data.resolve("setuid"), "#!/bin/sh\n");
        own(setuid, 0, 0);
        mode(setuid, 04755);

        Path sub = Files.createDirectories(data.resolve("sub"));
        Files.writeString(sub.resolve("deep.txt"), "deep\n");
        own(sub, 7, 8);
        mode(sub, 01777);
        Files.createDirectories(data.resolve("empty"));

        Path relative = Files.createSymbolicLink(data.resolve("rel-link"), Path.of("file.txt"));
        own(relative, 5, 6);
        setXattr(relative, "trusted.note", "on a symlink");
        Files.createSymbolicLink(data.resolve("abs-link"), Path.of("/etc/passwd"));
        Files.createLink(data.resolve("hard2"), file);
        FilesAt.mknodat(Dirs.AT_FDCWD, data.resolve("fifo").toString(), Dirs.S_IFIFO | 0600, 0);
        mode(data.resolve("fifo"), 0620);

        own(data, 123, 456);
        mode(data, 0750);
        setXattr(data, "user.top", "yes");
        Files.setLastModifiedTime(data, MTIME);
        return data;
    }

    @Test
    void copiesOwnersModesSymlinksXattrsHardLinksAndTimes() throws IOException {
        populateData();

        Path copy = prepareOne("/data");

        assertThat(attr(copy, "uid")).isEqualTo(123);
        assertThat(attr(copy, "gid")).isEqualTo(456);
        assertThat(attr(copy, "mode") & 07777).isEqualTo(0750);
        assertThat(xattr(copy, "user.top")).isEqualTo("yes");
        assertThat(Files.getLastModifiedTime(copy)).isEqualTo(MTIME);

        Path file = copy.resolve("file.txt");
        assertThat(Files.readString(file)).isEqualTo("hello\n");
        assertThat(attr(file, "uid")).isEqualTo(1000);
        assertThat(attr(file, "gid")).isEqualTo(1001);
        assertThat(attr(file, "mode") & 07777).isEqualTo(0640);
        assertThat(xattr(file, "user.color")).isEqualTo("blue");
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(MTIME);

        assertThat(attr(copy.resolve("setuid"), "mode") & 07777).isEqualTo(04755);
        assertThat(attr(copy.resolve("sub"), "mode") & 07777).isEqualTo(01777);
        assertThat(attr(copy.resolve("sub"), "uid")).isEqualTo(7);
        assertThat(Files.readString(copy.resolve("sub/deep.txt"))).isEqualTo("deep\n");
        assertThat(copy.resolve("empty")).isEmptyDirectory();

        Path relative = copy.resolve("rel-link");
        assertThat(Files.isSymbolicLink(relative)).isTrue();
        assertThat(Files.readSymbolicLink(relative)).isEqualTo(Path.of("file.txt"));
        assertThat(attr(relative, "uid")).isEqualTo(5);
        assertThat(attr(relative, "gid")).isEqualTo(6);
        assertThat(xattr(relative, "trusted.note")).isEqualTo("on a symlink");
        assertThat(Files.readSymbolicLink(copy.resolve("abs-link"))).isEqualTo(Path.of("/etc/passwd"));

        assertThat(attr(copy.resolve("hard2"), "ino")).isEqualTo(attr(file, "ino"));
        assertThat(attr(file, "nlink")).isEqualTo(2);
        assertThat(attr(copy.resolve("fifo"), "mode")).isEqualTo(Dirs.S_IFIFO | 0620);
    }

    @Test
    void aMissingSourceGivesAnEmptyDirectoryOwnedByTheContainersRoot() throws IOException {
        Path copy = prepareOne("/not/there");

        assertThat(copy).isEmptyDirectory();
        assertThat(attr(copy, "mode") & 07777).isEqualTo(0755);
        assertThat(attr(copy, "uid")).isEqualTo(CONTAINER_ROOT.uid());
        assertThat(attr(copy, "gid")).isEqualTo(CONTAINER_ROOT.gid());
        assertThat(rootfs.resolve("not")).doesNotExist();
    }

    @Test
    void aVolumePathSymlinkedToTheHostNeverReadsTheHost() throws IOException {
        Files.createSymbolicLink(rootfs.resolve("abs"), hostSecrets);
        Files.createSymbolicLink(rootfs.resolve("rel"), Path.of("../".repeat(30) + hostSecrets.toString().substring(1)));

        assertThat(prepareOne("/abs")).isEmptyDirectory();
        assertThat(prepareOne("/rel")).isEmptyDirectory();
        assertThat(prepareOne("/abs/../abs/.")).isEmptyDirectory();
    }

    @Test
    void aVolumePathSymlinkResolvesInsideTheRootfs() throws IOException {
        Path inner = Files.createDirectories(rootfs.resolve(hostSecrets.toString().substring(1)));
        Files.writeString(inner.resolve("key"), "container content\n");
        Files.createSymbolicLink(rootfs.resolve("vol"), hostSecrets);

        Path copy = prepareOne("/vol");

        assertThat(Files.readString(copy.resolve("key"))).isEqualTo("container content\n");
    }

    @Test
    void symlinksInsideTheVolumeAreCopiedNotFollowed() throws IOException {
        Path data = Files.createDirectories(rootfs.resolve("data"));
        Files.createSymbolicLink(data.resolve("escape"), hostSecrets);
        Files.createSymbolicLink(data.resolve("escape-file"), hostSecrets.resolve("key"));

        Path copy = prepareOne("/data");

        assertThat(Files.isSymbolicLink(copy.resolve("escape"))).isTrue();
        assertThat(Files.isSymbolicLink(copy.resolve("escape-file"))).isTrue();
        try (Stream<Path> all = Files.walk(copy)) {
            assertThat(all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))).isEmpty();
        }
    }

    @Test
    void filledOnceThenLeftAsTheContainerLeftIt() throws IOException {
        Path data = populateData();
        Path first = prepareOne("/data");
        Files.writeString(first.resolve("written-by-container"), "keep me\n");
        Files.delete(first.resolve("sub/deep.txt"));
        Files.writeString(data.resolve("file.txt"), "changed in the image\n");

        Path second = prepareOne("/data");

        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(second.resolve("written-by-container"))).isEqualTo("keep me\n");
        assertThat(second.resolve("sub/deep.txt")).doesNotExist();
        assertThat(Files.readString(second.resolve("file.txt"))).isEqualTo("hello\n");
        try (Stream<Path> entries = Files.list(dirs.volumesDir())) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .containsExactly("bd47413b5c03dfc6e4b5b8143fe205eae10ecaf0c28b426be98d74cff48c7453");
        }
    }

    @Test
    void aSourceThatIsNotADirectoryFailsAndLeavesNothing() throws IOException {
        Files.writeString(rootfs.resolve("file"), "x");

        assertThatThrownBy(() -> volumes.prepare(List.of("/file")))
                .isInstanceOf(MountException.class)
                .hasMessageStartingWith("image volume `/file`: ")
                .hasMessageContaining("ENOTDIR");
        try (Stream<Path> entries = Files.list(dirs.volumesDir())) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void pathsAreCheckedBeforeAnythingIsCreated() {
        assertThatThrownBy(() -> volumes.prepare(List.of("/ok", "relative")))
                .isInstanceOf(MountException.class)
                .hasMessage("image volume `relative`: not an absolute path");
        assertThatThrownBy(() -> ImageVolumes.checkPath("/..")).hasMessageContaining("would cover the container's root");
        assertThat(dirs.containerDir()).doesNotExist();
    }

    @Test
    void persistentDirectoriesArePrivateAndRemovable() throws IOException {
        prepareOne("/data");

        assertThat(attr(dirs.containerDir(), "mode") & 0777).isEqualTo(0700);
        assertThat(attr(dirs.volumesDir(), "mode") & 0777).isEqualTo(0700);
        dirs.delete();
        assertThat(dirs.containerDir()).doesNotExist();
        assertThat(Set.of(tmp.toFile().list())).contains("state", "rootfs");
    }
}
