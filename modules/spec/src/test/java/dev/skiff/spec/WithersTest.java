package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WithersTest {
    private final Spec defaults = SpecDefaults.generate();

    @Test
    void changesTheProcessAndKeepsTheRest() {
        Spec spec = defaults.withProcess(p -> p
                .withArgs("/bin/busybox", "id")
                .withEnv("TERM", "dumb")
                .withEnv("HOME", "/root")
                .withCwd("/tmp")
                .withUser(User.of(1000, 1000))
                .withTerminal(true)
                .withConsoleSize(new ConsoleSize(24, 80)));

        ProcessSpec process = spec.process();
        assertThat(process.args()).containsExactly("/bin/busybox", "id");
        assertThat(process.env()).containsExactly(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=dumb", "HOME=/root");
        assertThat(process.cwd()).isEqualTo("/tmp");
        assertThat(process.user().uid()).isEqualTo(1000);
        assertThat(process.terminal()).isTrue();
        assertThat(process.capabilities()).isEqualTo(defaults.process().capabilities());
        assertThat(spec.withProcess(defaults.process())).isEqualTo(defaults);
    }

    @Test
    void leavesTheOriginalAlone() {
        defaults.withHostname("box").withRootPath("/x").withProcess(p -> p.withArgs("true"));

        assertThat(defaults).isEqualTo(SpecDefaults.generate());
    }

    @Test
    void hostnameAndRoot() {
        Spec spec = defaults.withRoot(defaults.root().withReadonly(true)).withRootPath("/var/lib/c/rootfs")
                .withHostname("box");

        assertThat(spec.root()).isEqualTo(new Root("/var/lib/c/rootfs", true));
        assertThat(spec.hostname()).isEqualTo("box");
        assertThat(ProcessSpec.EMPTY.user()).isEqualTo(User.ROOT);
        assertThat(new Spec(null, null, null, null, null, null, null, null, null, null).withRootPath("r").root())
                .isEqualTo(Root.of("r"));
    }

    @Test
    void namespacesAreReplacedInPlaceAppendedOrRemoved() {
        Spec spec = defaults.withLinux(linux -> linux
                .withNamespace(Namespace.join(NamespaceType.NETWORK, "/run/netns/n1"))
                .withNamespace(Namespace.of(NamespaceType.USER))
                .withoutNamespace(NamespaceType.IPC));

        assertThat(spec.linux().namespaces()).containsExactly(
                Namespace.of(NamespaceType.PID),
                Namespace.join(NamespaceType.NETWORK, "/run/netns/n1"),
                Namespace.of(NamespaceType.UTS),
                Namespace.of(NamespaceType.MOUNT),
                Namespace.of(NamespaceType.USER));
        assertThat(spec.linux().namespace(NamespaceType.IPC)).isEmpty();
        assertThat(spec.linux().maskedPaths()).isEqualTo(defaults.linux().maskedPaths());
    }

    @Test
    void mountsAreReplacedByDestinationAppendedOrRemoved() {
        Mount shm = Mount.of("/dev/shm", "bind", "/dev/shm", List.of("bind", "nosuid"));
        Mount data = Mount.of("/data", "bind", "/srv/data", List.of("rbind", "ro"));

        Spec spec = defaults.withMount(shm).withMount(data).withoutMount("/dev/mqueue");

        assertThat(spec.mounts()).extracting(Mount::destination)
                .containsExactly("/proc", "/dev", "/dev/pts", "/dev/shm", "/sys", "/data");
        assertThat(spec.mounts().get(3)).isEqualTo(shm);
    }

    @Test
    void rlimitsAreReplacedByType() {
        ProcessSpec process = defaults.process()
                .withRlimit(new Rlimit("RLIMIT_NOFILE", 4096, 2048))
                .withRlimit(new Rlimit("RLIMIT_NPROC", 100, 100));

        assertThat(process.rlimits()).containsExactly(
                new Rlimit("RLIMIT_NOFILE", 4096, 2048), new Rlimit("RLIMIT_NPROC", 100, 100));
    }

    @Test
    void valuesAreImmutableCopies() {
        List<String> args = new ArrayList<>(List.of("a"));
        ProcessSpec process = ProcessSpec.EMPTY.withArgs(args);
        args.add("b");

        assertThat(process.args()).containsExactly("a");
        assertThatThrownBy(() -> process.args().add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> defaults.mounts().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(defaults.annotations()).isEmpty();
    }
}
