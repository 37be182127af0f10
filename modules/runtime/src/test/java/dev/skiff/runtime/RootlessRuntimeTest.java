package dev.skiff.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.mounts.HostOwner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime's rootless pieces that need no container: state directories, the journal, rootfs reachability. */
class RootlessRuntimeTest {
    @TempDir
    Path dir;

    @Test
    void theJournalRecordsTheRuntimeRootForCleanup() throws Exception {
        Bundle bundle = Bundle.create(dir, "skiff-0123456789ab");
        Journal.begin(bundle, new Journal.Entry("skiff-0123456789ab", Path.of("/usr/sbin/runc"),
                Path.of("/tmp/skiff-runc-1001"), List.of("--debug"), 42, "7", null, null));

        Journal.Entry read = Journal.read(bundle.dir());
        assertThat(read.runtimeRoot()).isEqualTo(Path.of("/tmp/skiff-runc-1001"));
        assertThat(read.runtimeFlags()).containsExactly("--debug");
        bundle.close();
    }

    @Test
    void aJournalWithoutARuntimeRootReadsAsTheDefault() throws Exception {
        Bundle bundle = Bundle.create(dir, "skiff-ba9876543210");
        Journal.begin(bundle, new Journal.Entry("skiff-ba9876543210", Path.of("/usr/sbin/runc"), null, List.of(), 42,
                "7", null, null));

        assertThat(Journal.read(bundle.dir()).runtimeRoot()).isNull();
        bundle.close();
    }

    @Test
    void aStateDirectoryMustBeOwnedByThisUserAndClosedToOthers() throws Exception {
        Path own = UserDirs.ensureOwn(dir.resolve("mine"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own))).isEqualTo("rwx------");
        UserDirs.checkOwn(own);

        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> UserDirs.ensureOwn(open)).hasMessageContaining("writable by other users");

        Path link = Files.createSymbolicLink(dir.resolve("link"), own);
        assertThatThrownBy(() -> UserDirs.checkOwn(link)).hasMessageContaining("not a directory (or a symbolic link)");
    }

    @Test
    void someoneElsesDirectoryIsRefused() throws Exception {
        Path theirs = Files.createDirectory(dir.resolve("theirs"));
        if (dev.skiff.libc.Processes.geteuid() != 0) {
            return; // only root can give a directory away
        }
        Files.setAttribute(theirs, "unix:uid", 4242);
        assertThatThrownBy(() -> UserDirs.checkOwn(theirs)).hasMessageContaining("owned by uid 4242, not by this user");
    }

    @Test
    void aRootfsIsReachableWhenEveryDirectoryAboveItCanBeSearched() throws Exception {
        Path closed = Files.createDirectories(dir.resolve("closed/rootfs"));
        Files.setPosixFilePermissions(dir.resolve("closed"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        HostOwner mapped = new HostOwner(100000, 100000);

        assertThat(IntermediateRootfs.reachable(closed, mapped)).isFalse();
        Files.setPosixFilePermissions(dir.resolve("closed"), PosixFilePermissions.fromString("rwx-----x"));
        assertThat(IntermediateRootfs.reachable(closed, mapped)).isEqualTo(everyAncestorSearchable(dir));
    }

    /** The temporary directory's own ancestors (/tmp and up) decide the rest. */
    private static boolean everyAncestorSearchable(Path path) throws Exception {
        for (Path d = path.getParent(); d != null; d = d.getParent()) {
            if (((Integer) Files.getAttribute(d, "unix:mode") & 0001) == 0) {
                return false;
            }
        }
        return true;
    }
}
