package dev.skiff.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserSpecTest {
    private static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            bin:x:2:2:bin:/bin:/usr/sbin/nologin
            this line is malformed
            # a comment
            +nisuser::::::
            bob:x:1001:1001:Bob:/home/bob:/bin/sh
            alice:x:1002:100:Alice::/bin/sh
            bob:x:2002:2002:second bob, ignored:/nope:/bin/sh
            """;
    private static final String GROUP = """
            root:x:0:
            wheel:x:10:alice, bob
            staff:x:20:bob
            sbinners:x:50:sbin
            users:x:100:alice
            bob:x:1001:
            garbage line
            """;

    @TempDir
    Path tmp;

    private ContainerUser resolve(String spec) throws IOException {
        return resolveIn(rootfs(PASSWD, GROUP), spec);
    }

    private static ContainerUser resolveIn(Path rootfs, String spec) throws IOException {
        try (RootfsAccess access = RootfsAccess.open(rootfs)) {
            return UserSpec.parse(spec).resolve(access);
        }
    }

    private int rootfsCount;

    private Path rootfs(String passwd, String group) throws IOException {
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs" + rootfsCount++));
        if (passwd != null) {
            HostileRootfs.write(rootfs.resolve("etc/passwd"), passwd);
        }
        if (group != null) {
            HostileRootfs.write(rootfs.resolve("etc/group"), group);
        }
        return rootfs;
    }

    @Test
    void parsesUserAndOptionalGroup() {
        assertThat(UserSpec.parse("1000")).isEqualTo(new UserSpec("1000", null));
        assertThat(UserSpec.parse("1000:100")).isEqualTo(new UserSpec("1000", "100"));
        assertThat(UserSpec.parse("bob:wheel")).isEqualTo(new UserSpec("bob", "wheel"));
        assertThat(UserSpec.parse("bob:wheel")).hasToString("bob:wheel");
        assertThat(UserSpec.parse("")).isEqualTo(UserSpec.ROOT);
        assertThat(UserSpec.parse("4294967294").user()).isEqualTo("4294967294");
    }

    @ParameterizedTest
    @ValueSource(strings = {":", ":100", "100:", "a:b:c", "bob smith", " bob", "bob\t", "4294967295",
        "99999999999", "1000:4294967296", "bo\0b"})
    void rejectsMalformedSpecs(String spec) {
        assertThatThrownBy(() -> UserSpec.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed user spec `" + spec + "`");
    }

    @Test
    void userByNameGetsPrimaryGroupFirstThenMemberGroups() throws IOException {
        assertThat(resolve("bob")).isEqualTo(new ContainerUser(1001, 1001, List.of(1001L, 10L, 20L), "/home/bob"));
    }

    @Test
    void userByUidIsLookedUpToo() throws IOException {
        assertThat(resolve("1001")).isEqualTo(new ContainerUser(1001, 1001, List.of(1001L, 10L, 20L), "/home/bob"));
    }

    @Test
    void primaryGroupIsListedOnceAndEmptyHomeIsRoot() throws IOException {
        assertThat(resolve("alice")).isEqualTo(new ContainerUser(1002, 100, List.of(100L, 10L), "/"));
    }

    @Test
    void membersMatchExactlyNotBySubstring() throws IOException {
        assertThat(resolve("bin").additionalGids()).containsExactly(2L);
    }

    @Test
    void anExplicitGroupReplacesPrimaryAndMemberGroups() throws IOException {
        assertThat(resolve("bob:wheel")).isEqualTo(new ContainerUser(1001, 10, List.of(10L), "/home/bob"));
        assertThat(resolve("bob:4242")).isEqualTo(new ContainerUser(1001, 4242, List.of(4242L), "/home/bob"));
        assertThat(resolve("4242:staff")).isEqualTo(new ContainerUser(4242, 20, List.of(20L), "/"));
    }

    @Test
    void aUidWithoutPasswdEntryRunsWithGidZero() throws IOException {
        assertThat(resolve("4242")).isEqualTo(new ContainerUser(4242, 0, List.of(0L), "/"));
        assertThat(resolveIn(rootfs(null, null), "4242")).isEqualTo(new ContainerUser(4242, 0, List.of(0L), "/"));
    }

    @Test
    void emptySpecIsRoot() throws IOException {
        assertThat(resolve("")).isEqualTo(new ContainerUser(0, 0, List.of(0L), "/root"));
    }

    @Test
    void unknownUserNamesTheUserAndTheRootfs() throws IOException {
        Path rootfs = rootfs(PASSWD, GROUP);
        assertThatThrownBy(() -> resolveIn(rootfs, "mallory"))
                .isInstanceOf(UnknownUserException.class)
                .hasMessageContaining("unknown user `mallory`")
                .hasMessageContaining("/etc/passwd")
                .hasMessageContaining(rootfs.toString())
                .satisfies(e -> assertThat(((UnknownUserException) e).name()).isEqualTo("mallory"));
    }

    @Test
    void unknownGroupNamesTheGroupAndTheRootfs() throws IOException {
        Path rootfs = rootfs(PASSWD, GROUP);
        assertThatThrownBy(() -> resolveIn(rootfs, "bob:nogroup"))
                .isInstanceOf(UnknownUserException.class)
                .hasMessageContaining("unknown group `nogroup` (user spec `bob:nogroup`)")
                .hasMessageContaining(rootfs.toString());
    }

    @Test
    void aNameNeedsAPasswdFile() throws IOException {
        Path rootfs = rootfs(null, GROUP);
        assertThatThrownBy(() -> resolveIn(rootfs, "bob"))
                .isInstanceOf(UnknownUserException.class)
                .hasMessageContaining("the rootfs has no /etc/passwd");
    }

    @Test
    void withoutAGroupFileThereAreNoMemberGroups() throws IOException {
        assertThat(resolveIn(rootfs(PASSWD, null), "bob").additionalGids()).containsExactly(1001L);
    }

    @Test
    void passwdIsReadInsideTheRootfsEvenThroughAHostSymlink() throws IOException {
        HostileRootfs hostile = new HostileRootfs(tmp);
        assertThat(resolveIn(hostile.rootfs, "bob").uid()).isEqualTo(1001);
        assertThatThrownBy(() -> resolveIn(hostile.rootfs, "evil")).isInstanceOf(UnknownUserException.class);
        Files.delete(hostile.inside(hostile.hostPasswd));
        // Now /etc/passwd -> <host passwd> dangles inside the rootfs: the host's is not used.
        assertThatThrownBy(() -> resolveIn(hostile.rootfs, "evil"))
                .hasMessageContaining("the rootfs has no /etc/passwd");
    }
}
