package dev.skiff.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.libc.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsAccessTest {
    @TempDir
    Path tmp;

    HostileRootfs hostile;
    RootfsAccess access;

    @BeforeEach
    void setUp() throws IOException {
        hostile = new HostileRootfs(tmp);
        access = RootfsAccess.open(hostile.rootfs);
    }

    @AfterEach
    void tearDown() throws IOException {
        access.close();
    }

    private String read(String path) throws IOException {
        return new String(access.readFile(path), StandardCharsets.UTF_8);
    }

    @Test
    void absoluteSymlinkToAHostOnlyPathIsNotFollowedToTheHost() throws IOException {
        assertThatThrownBy(() -> read("/etc/secret"))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("/etc/secret")
                .hasMessageContaining(hostile.rootfs.toString());
        assertThat(access.exists("/etc/secret")).isFalse();
        assertThat(Files.readString(hostile.hostSecret)).isEqualTo(HostileRootfs.HOST_SECRET);
    }

    @Test
    void absoluteSymlinkResolvesInsideTheRootfs() throws IOException {
        assertThat(read("/etc/passwd")).isEqualTo(HostileRootfs.CONTAINER_PASSWD);
        assertThat(read("etc/passwd")).isEqualTo(HostileRootfs.CONTAINER_PASSWD);
    }

    @Test
    void relativeSymlinkCannotClimbOutOfTheRootfs() {
        assertThatThrownBy(() -> read("/etc/relsecret")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void dotDotStopsAtTheRootfs() throws IOException {
        assertThat(read("../../etc/shadow")).isEqualTo("container shadow\n");
        assertThat(read("/../../../etc/shadow")).isEqualTo("container shadow\n");
        String climbToHostSecret = hostile.rootfs.relativize(hostile.hostSecret).toString();
        assertThat(climbToHostSecret).startsWith("..");
        assertThatThrownBy(() -> read(climbToHostSecret)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void openFileStreamsTheContent() throws IOException {
        try (InputStream in = access.openFile("/etc/shadow")) {
            assertThat(in.read()).isEqualTo('c');
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ontainer shadow\n");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void refusesToReadDirectoriesAndFifos() throws Exception {
        assertThatThrownBy(() -> read("/etc")).hasMessageContaining("not a regular file");
        Process mkfifo = new ProcessBuilder("mkfifo", hostile.rootfs.resolve("etc/fifo").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        // Opening a FIFO without a writer would block; it is refused instead.
        assertThatThrownBy(() -> read("/etc/fifo")).hasMessageContaining("not a regular file");
    }

    @Test
    void existsFollowsSymlinksInsideTheRootfs() throws IOException {
        assertThat(access.exists("/")).isTrue();
        assertThat(access.exists("/etc/passwd")).isTrue();
        assertThat(access.exists("/etc/shadow/x")).isFalse();
        assertThat(access.exists("/nope")).isFalse();
    }

    @Test
    void rejectsNulBytesAndEmptyPaths() {
        assertThatThrownBy(() -> read("/etc/shadow\0/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openingAMissingRootfsSaysWhich() {
        Path missing = tmp.resolve("no-rootfs");
        assertThatThrownBy(() -> RootfsAccess.open(missing)).hasMessageContaining(missing.toString())
                .hasMessageContaining("ENOENT");
    }

    // mkdirs

    private static final boolean ROOT = Processes.geteuid() == 0;

    @Test
    void mkdirsCreatesEachMissingComponentWithModeAndOwner() throws IOException {
        int owner = ROOT ? 1000 : -1;
        Files.createDirectories(hostile.rootfs.resolve("work"));
        access.mkdirs("/work/a/./b//c", 0750, owner, owner);

        Path c = hostile.rootfs.resolve("work/a/b/c");
        assertThat(c).isDirectory();
        for (Path made : new Path[] {c, c.getParent(), c.getParent().getParent()}) {
            assertThat(Files.getAttribute(made, "unix:mode")).isEqualTo(040750);
            if (ROOT) {
                assertThat(Files.getAttribute(made, "unix:uid")).isEqualTo(1000);
                assertThat(Files.getAttribute(made, "unix:gid")).isEqualTo(1000);
            }
        }
        // Existing directories are left alone.
        assertThat(Files.getAttribute(hostile.rootfs.resolve("work"), "unix:mode")).isNotEqualTo(040750);
    }

    @Test
    void mkdirsSetsTheExactModeWhateverTheUmask() throws IOException {
        access.mkdirs("/scratch", 01777, -1, -1);
        assertThat(Files.getAttribute(hostile.rootfs.resolve("scratch"), "unix:mode")).isEqualTo(041777);
    }

    @Test
    void mkdirsOfAnExistingDirectoryIsANoOp() throws IOException {
        access.mkdirs("/etc", 0700, -1, -1);
        access.mkdirs("/", 0700, -1, -1);
        assertThat(Files.getAttribute(hostile.rootfs.resolve("etc"), "unix:mode")).isNotEqualTo(040700);
    }

    @Test
    void mkdirsThroughASymlinkToAHostDirectoryNeverCreatesOnTheHost() {
        assertThatThrownBy(() -> access.mkdirs("/wd/sub/dir", 0755, -1, -1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("`/wd` exists and is not a directory inside the rootfs");
        assertThat(hostile.hostDir.resolve("sub")).doesNotExist();
        assertThat(hostile.inside(hostile.hostDir)).doesNotExist();
    }

    @Test
    void mkdirsThroughAnAbsoluteSymlinkCreatesInsideTheRootfs() throws IOException {
        Files.createDirectories(hostile.inside(hostile.hostDir));
        access.mkdirs("/wd/sub", 0755, -1, -1);
        assertThat(hostile.inside(hostile.hostDir).resolve("sub")).isDirectory();
        assertThat(hostile.hostDir.resolve("sub")).doesNotExist();
    }

    @Test
    void mkdirsAboveTheRootfsIsClampedToIt() throws IOException {
        access.mkdirs("/up/escaped", 0755, -1, -1);
        access.mkdirs("../../../climbed", 0755, -1, -1);
        assertThat(hostile.rootfs.resolve("escaped")).isDirectory();
        assertThat(hostile.rootfs.resolve("climbed")).isDirectory();
        assertThat(tmp.resolve("escaped")).doesNotExist();
        assertThat(tmp.resolve("climbed")).doesNotExist();
    }

    @Test
    void mkdirsFailsClearlyOnAFileComponent() {
        assertThatThrownBy(() -> access.mkdirs("/etc/shadow/x", 0755, -1, -1))
                .hasMessageContaining("`/etc/shadow` exists and is not a directory")
                .hasMessageContaining(hostile.rootfs.toString());
        assertThat(hostile.rootfs.resolve("etc/shadow")).isRegularFile();
    }

    @Test
    void mkdirsFailsOnADanglingSymlinkComponent() throws IOException {
        Files.createSymbolicLink(hostile.rootfs.resolve("dangling"), Path.of("nowhere"));
        assertThatThrownBy(() -> access.mkdirs("/dangling/x", 0755, -1, -1))
                .hasMessageContaining("`/dangling` exists and is not a directory");
        assertThat(Files.isSymbolicLink(hostile.rootfs.resolve("dangling"))).isTrue();
        assertThat(Files.exists(hostile.rootfs.resolve("nowhere"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void mkdirsRejectsAModeWithFileTypeBits() {
        assertThatThrownBy(() -> access.mkdirs("/x", 040755, -1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
