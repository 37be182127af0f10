package dev.skiff.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skiff.libc.Processes;
import dev.skiff.spec.Mount;
import dev.skiff.spec.SpecDefaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bound files, add-host, cleanup and the whole chain of {@link RunMounts#prepare}. */
class RunMountsTest {
    private static final HostOwner CONTAINER_ROOT = new HostOwner(100000, 100000);

    @TempDir
    Path tmp;

    Path hostEtc;
    Path bundle;
    Path rootfs;

    @BeforeEach
    void setUp() throws IOException {
        hostEtc = Files.createDirectories(tmp.resolve("host-etc"));
        Files.writeString(hostEtc.resolve("hosts"), "127.0.0.1\tlocalhost");
        Files.writeString(hostEtc.resolve("resolv.conf"), "nameserver 10.0.0.53\n");
        bundle = Files.createDirectories(tmp.resolve("bundle"));
        Files.writeString(bundle.resolve("config.json"), "{}");
        rootfs = Files.createDirectories(tmp.resolve("rootfs"));
    }

    private MountRequest.Builder request() {
        return MountRequest.builder(bundle, rootfs).noSecrets().containerRoot(CONTAINER_ROOT);
    }

    private PreparedMounts prepare(MountRequest request) throws MountException {
        return RunMounts.prepare(request, hostEtc, path -> true);
    }

    private static Map<String, Mount> byDestination(List<Mount> mounts) {
        return mounts.stream().collect(Collectors.toMap(Mount::destination, m -> m));
    }

    private static long attr(Path path, String name) throws IOException {
        return ((Number) Files.getAttribute(path, "unix:" + name, LinkOption.NOFOLLOW_LINKS)).longValue();
    }

    @Test
    void hostsAndResolvConfAreCopiedFromTheHostWithExtraHostsAppended() throws IOException {
        assumeTrue(Processes.geteuid() == 0, "chown to the container's root needs root");
        BoundFilesOptions options = BoundFilesOptions.DEFAULT.withExtraHosts(
                List.of(ExtraHost.parse("db:10.1.2.3"), ExtraHost.parse("v6:fd00::1")));

        try (PreparedMounts prepared = prepare(request().boundFiles(options).build())) {
            Map<String, Mount> mounts = byDestination(prepared.mounts());

            assertThat(Files.readString(bundle.resolve("hosts")))
                    .isEqualTo("127.0.0.1\tlocalhost\n10.1.2.3\tdb\nfd00::1\tv6\n");
            assertThat(Files.readString(bundle.resolve("resolv.conf"))).isEqualTo("nameserver 10.0.0.53\n");
            assertThat(mounts.get("/etc/hosts"))
                    .isEqualTo(Mount.of("/etc/hosts", "bind", bundle.resolve("hosts").toString(), List.of("rbind")));
            assertThat(mounts.get("/etc/resolv.conf").source()).isEqualTo(bundle.resolve("resolv.conf").toString());
            assertThat(mounts).doesNotContainKey("/etc/hostname");
            for (String name : List.of("hosts", "resolv.conf")) {
                assertThat(attr(bundle.resolve(name), "uid")).isEqualTo(CONTAINER_ROOT.uid());
                assertThat(attr(bundle.resolve(name), "gid")).isEqualTo(CONTAINER_ROOT.gid());
                assertThat(attr(bundle.resolve(name), "mode") & 0777).isEqualTo(0644);
            }
        }
    }

    @Test
    void givenContentAndHostnameReplaceTheHostsFiles() throws IOException {
        MountRequest request = request().containerRoot(HostOwner.ROOT).boundFiles(BoundFilesOptions.DEFAULT
                .withHosts("10.88.0.5\tbox\n").withResolvConf("nameserver 1.1.1.1\n").withHostname("box")
                .withExtraHosts(List.of(ExtraHost.parse("db:10.1.2.3")))).build();

        try (PreparedMounts prepared = prepare(request)) {
            assertThat(Files.readString(bundle.resolve("hosts"))).isEqualTo("10.88.0.5\tbox\n10.1.2.3\tdb\n");
            assertThat(Files.readString(bundle.resolve("resolv.conf"))).isEqualTo("nameserver 1.1.1.1\n");
            assertThat(Files.readString(bundle.resolve("hostname"))).isEqualTo("box\n");
            assertThat(byDestination(prepared.mounts())).containsKeys("/etc/hosts", "/etc/resolv.conf", "/etc/hostname");
        }
    }

    @Test
    void noHostsLeavesTheImagesHostsAlone() throws IOException {
        MountRequest request = request().containerRoot(HostOwner.ROOT)
                .boundFiles(BoundFilesOptions.DEFAULT.withNoHosts(true).withNoResolvConf(true)).build();

        try (PreparedMounts prepared = prepare(request)) {
            assertThat(byDestination(prepared.mounts())).doesNotContainKeys("/etc/hosts", "/etc/resolv.conf");
            assertThat(bundle.resolve("hosts")).doesNotExist();
            assertThat(bundle.resolve("resolv.conf")).doesNotExist();
        }
    }

    @Test
    void addHostWithNoHostsIsRefusedBeforeAnythingIsCreated() throws IOException {
        MountRequest request = request().boundFiles(BoundFilesOptions.DEFAULT.withNoHosts(true)
                .withExtraHosts(List.of(ExtraHost.parse("db:10.1.2.3")))).build();

        assertThatThrownBy(() -> prepare(request))
                .isInstanceOf(MountException.class)
                .hasMessage("add-host `db:10.1.2.3`: conflicts with --no-hosts");
        assertThat(bundle).isDirectoryContaining(p -> true);
        try (Stream<Path> files = Files.list(bundle)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("config.json");
        }
    }

    @Test
    void aBadShmSizeIsRefusedBeforeAnythingIsCreated() {
        assertThatThrownBy(() -> prepare(request().shmSize("64MB").build()))
                .isInstanceOf(MountException.class)
                .hasMessageStartingWith("shm-size `64MB`: ");
        assertThat(bundle.resolve("hosts")).doesNotExist();
    }

    @Test
    void aVolumeOnEtcHostsReplacesTheBoundFile() throws IOException {
        Path myHosts = Files.writeString(tmp.resolve("my-hosts"), "1.2.3.4 mine\n");
        MountRequest request = request().containerRoot(HostOwner.ROOT)
                .runVolumes(List.of(VolumeSpec.parseVolume(myHosts + ":/etc/hosts:ro"))).build();

        try (PreparedMounts prepared = prepare(request)) {
            assertThat(byDestination(prepared.mounts()).get("/etc/hosts").source()).isEqualTo(myHosts.toString());
            assertThat(bundle.resolve("hosts")).doesNotExist();
        }
    }

    @Test
    void closeRemovesOnlyThisRunsCopiesAndIsIdempotent() throws IOException {
        Path conf = Files.writeString(tmp.resolve("mounts.conf"), hostEtc.resolve("resolv.conf") + ":/run/secrets/r\n");
        MountRequest request = request().containerRoot(HostOwner.ROOT).mountsConf(conf)
                .boundFiles(BoundFilesOptions.DEFAULT.withHostname("box")).build();

        PreparedMounts prepared = prepare(request);
        assertThat(prepared.createdFiles()).containsExactly(bundle.resolve("secrets"), bundle.resolve("hosts"),
                bundle.resolve("resolv.conf"), bundle.resolve("hostname"));
        prepared.close();
        prepared.close();

        try (Stream<Path> files = Files.list(bundle)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("config.json");
        }
        assertThat(hostEtc.resolve("resolv.conf")).exists();
    }

    @Test
    void aFailureHalfwayRemovesWhatWasCreated() throws IOException {
        Path conf = Files.writeString(tmp.resolve("mounts.conf"), hostEtc.resolve("resolv.conf") + ":/run/secrets/r\n");
        Files.writeString(bundle.resolve("resolv.conf"), "left by someone else");
        MountRequest request = request().containerRoot(HostOwner.ROOT).mountsConf(conf).build();

        assertThatThrownBy(() -> prepare(request))
                .isInstanceOf(MountException.class)
                .hasMessageStartingWith("bundle `" + bundle + "`: ")
                .hasMessageContaining("resolv.conf");
        try (Stream<Path> files = Files.list(bundle)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("config.json", "resolv.conf");
        }
        assertThat(Files.readString(bundle.resolve("resolv.conf"))).isEqualTo("left by someone else");
    }

    @Test
    void theWholePlanInPrecedenceOrder() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path other = Files.createDirectories(tmp.resolve("other"));
        MountRequest request = request().containerRoot(HostOwner.ROOT)
                .runVolumes(List.of(VolumeSpec.parseVolume(data + ":/data:ro,z"),
                        VolumeSpec.parseMount("type=tmpfs,dst=/scratch,tmpfs-size=16m")))
                .containerVolumes(List.of(VolumeSpec.parseVolume(other + ":/data"),
                        VolumeSpec.parseVolume(other + ":/other")))
                .specMounts(SpecDefaults.MOUNTS)
                .shmSize("256m")
                .build();

        try (PreparedMounts prepared = prepare(request)) {
            Map<String, Mount> mounts = byDestination(prepared.mounts());

            assertThat(mounts.get("/data"))
                    .isEqualTo(Mount.of("/data", "bind", data.toString(), List.of("ro", "private", "rbind")));
            assertThat(mounts.get("/other").source()).isEqualTo(other.toString());
            assertThat(mounts.get("/scratch")).isEqualTo(
                    Mount.of("/scratch", "tmpfs", "tmpfs", List.of("rw", "private", "size=16m")));
            assertThat(mounts.get("/dev/shm").options()).contains("size=256m");
            assertThat(mounts).containsKeys("/proc", "/dev", "/dev/pts", "/dev/mqueue", "/sys", "/sys/fs/cgroup",
                    "/etc/hosts", "/etc/resolv.conf");
            assertThat(prepared.mounts()).hasSize(mounts.size());
        }
    }

    @Test
    void imageVolumesCoveredByAVolumeAreNotCopied() throws IOException {
        assumeTrue(Processes.geteuid() == 0, "image volumes keep ownership: root only");
        Files.createDirectories(rootfs.resolve("data"));
        Files.createDirectories(rootfs.resolve("cache"));
        Path data = Files.createDirectories(tmp.resolve("data"));
        ContainerDirs dirs = new ContainerDirs(tmp.resolve("state"), "box");
        MountRequest request = request().containerDirs(dirs).containerRoot(HostOwner.ROOT)
                .runVolumes(List.of(VolumeSpec.parseVolume(data + ":/data")))
                .imageVolumes(List.of("/data", "/cache")).build();

        try (PreparedMounts prepared = prepare(request)) {
            Map<String, Mount> mounts = byDestination(prepared.mounts());
            assertThat(mounts.get("/data").source()).isEqualTo(data.toString());
            assertThat(mounts.get("/cache").source()).isEqualTo(dirs.imageVolumeDir("/cache").toString());
            assertThat(dirs.imageVolumeDir("/data")).doesNotExist();
        }
        assertThat(dirs.imageVolumeDir("/cache")).isDirectory();
    }
}
