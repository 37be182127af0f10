package dev.skiff.cli;

import static dev.skiff.cli.OracleCase.named;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.mounts.ContainerDirs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test against buildah (issue 3, "Oracle"): for each option set, the config.json
 * {@code buildah run} hands its runtime and the one {@code skiff run --dry-run} prints must be
 * equal field by field once {@link OracleNormaliser} has taken out what legitimately differs
 * (modules/cli/README.md, "Oracle: differences from buildah").
 */
@Tag("integration")
class BuildahOracleIT {
    /** Namespaces to join: this JVM's own, which exist for as long as the test runs. */
    private static final String NS = "/proc/" + ProcessHandle.current().pid() + "/ns/";
    /** Names the container whose image volumes Skiff keeps, so that they can be removed. */
    private static final String VOLUME_CONTAINER = "skiff-oracle-" + UUID.randomUUID().toString().substring(0, 8);

    /** Where Skiff keeps containers' image volumes. */
    private static final Path SKIFF_CONTAINERS = ContainerDirs.defaultStateDir().resolve("containers");

    @TempDir
    static Path work;
    static Path rootfs;
    static Path stateDir;
    static Path seccompProfile;
    static Path imageConfig;
    static BuildahOracle buildah;

    static Stream<OracleCase> cases() {
        return Stream.of(
                named("defaults"),
                named("cap-add, any case, CAP_ optional").skiff("--cap-add", "net_admin,Sys_Time")
                        .buildahRun("--cap-add", "CAP_NET_ADMIN,CAP_SYS_TIME"),
                named("cap-drop, mixed case").skiff("--cap-drop", "CAP_chown,kill,Net_Bind_Service")
                        .buildahRun("--cap-drop", "CAP_CHOWN,CAP_KILL,CAP_NET_BIND_SERVICE"),
                named("cap-add ALL").run("--cap-add", "ALL"),
                named("cap-drop all").skiff("--cap-drop", "all").buildahRun("--cap-drop", "ALL"),
                named("cap-drop ALL, then add one").skiff("--cap-drop", "ALL", "--cap-add", "net_bind_service")
                        .buildahRun("--cap-drop", "ALL", "--cap-add", "CAP_NET_BIND_SERVICE"),
                named("cap-add ALL, drop two").skiff("--cap-add", "all", "--cap-drop", "sys_admin", "--cap-drop", "NET_RAW")
                        .buildahRun("--cap-add", "ALL", "--cap-drop", "CAP_SYS_ADMIN,CAP_NET_RAW"),
                named("user uid:gid").skiff("-u", "1000:1000").buildahRun("--user", "1000:1000"),
                named("user uid only").skiff("--user=1000").buildahRun("--user", "1000"),
                named("user by name").skiff("-u", "skiff").buildahRun("--user", "skiff"),
                named("user name:group").skiff("-u", "skiff:users").buildahRun("--user", "skiff:users"),
                named("user not in passwd").skiff("-u", "4242:4343").buildahRun("--user", "4242:4343"),
                named("non-root user with cap-add").skiff("-u", "1000", "--cap-add", "NET_ADMIN")
                        .buildahRun("--user", "1000", "--cap-add", "CAP_NET_ADMIN"),
                named("ulimit nofile, nproc, core unlimited")
                        .from("--ulimit", "nofile=100:200", "--ulimit", "nproc=50", "--ulimit", "core=-1"),
                named("ulimit every other name").from("--ulimit", "stack=8192:16384", "--ulimit", "memlock=-1:-1",
                        "--ulimit", "cpu=10:20", "--ulimit", "fsize=1000", "--ulimit", "sigpending=100",
                        "--ulimit", "msgqueue=1000", "--ulimit", "nice=0", "--ulimit", "rtprio=0",
                        "--ulimit", "locks=10", "--ulimit", "rttime=1000", "--ulimit", "data=100000",
                        "--ulimit", "rss=100000"),
                named("ulimit given twice, last wins").from("--ulimit", "nofile=10:20", "--ulimit", "nofile=30:40"),
                named("memory").from("--memory", "512m"),
                named("memory in bytes").from("--memory", "10485760"),
                named("memory and memory-swap").from("--memory", "256m", "--memory-swap", "1g"),
                named("memory-swap unlimited").from("-m", "100k", "--memory-swap", "-1"),
                named("cpu period, quota, shares").from("--cpu-period", "100000", "--cpu-quota", "50000", "--cpu-shares", "512"),
                named("cpu quota none").from("--cpu-quota", "-1", "--cpu-period", "50000"),
                named("cpuset cpus and mems").from("--cpuset-cpus", "0-1", "--cpuset-mems", "0"),
                named("cpuset list").from("--cpuset-cpus", "0,1"),
                named("cgroup-parent path").from("--cgroup-parent", "/skiff-oracle"),
                named("cgroup-parent slice").from("--cgroup-parent", "machine.slice"),
                named("seccomp unconfined").from("--security-opt", "seccomp=unconfined"),
                named("seccomp profile file").skiff("--security-opt", "seccomp=" + seccompProfile)
                        .buildahFrom("--security-opt", "seccomp=" + seccompProfile),
                named("seccomp profile with caps added").skiff("--security-opt", "seccomp=" + seccompProfile,
                        "--cap-add", "sys_admin").buildahFrom("--security-opt", "seccomp=" + seccompProfile)
                        .buildahRun("--cap-add", "CAP_SYS_ADMIN"),
                named("apparmor profile").from("--security-opt", "apparmor=skiff-oracle"),
                named("no-new-privileges (buildah 1.28 refuses it)").skiff("--security-opt", "no-new-privileges")
                        .skiffOnly("/process/noNewPrivileges", true),
                named("pid host").run("--pid", "host"),
                named("ipc host").run("--ipc", "host"),
                named("uts host ignores the hostname").run("--uts", "host", "--hostname", "ignored"),
                named("net host").skiff("--net", "host").buildahRun("--network", "host"),
                named("net host with a hostname").skiff("--net", "host", "--hostname", "h1")
                        .buildahRun("--network", "host", "--hostname", "h1"),
                named("net none").skiff("--net", "none").buildahRun("--network", "none"),
                named("net private").skiff("--network", "private").buildahRun("--network", "private"),
                named("every namespace private").run("--pid", "private", "--ipc", "private", "--uts", "private"),
                named("cgroupns host").run("--cgroupns", "host"),
                named("join namespaces ns:PATH").skiff("--pid", "ns:" + NS + "pid", "--ipc", "ns:" + NS + "ipc",
                        "--uts", "ns:" + NS + "uts", "--net", "ns:" + NS + "net")
                        .buildahRun("--pid", "ns:" + NS + "pid", "--ipc", "ns:" + NS + "ipc",
                        "--uts", "ns:" + NS + "uts", "--network", "ns:" + NS + "net"),
                named("join namespaces at from").skiff("--pid", "ns:" + NS + "pid", "--net", "ns:" + NS + "net")
                        .buildahFrom("--pid", "ns:" + NS + "pid", "--network", "ns:" + NS + "net"),
                named("uidmap and gidmap").skiff("--uidmap", "0:100000:65536", "--gidmap", "0:200000:65536")
                        .buildahFrom("--userns-uid-map", "0:100000:65536", "--userns-gid-map", "0:200000:65536"),
                named("uidmap in two ranges").skiff("--uidmap", "0:100000:1000", "--uidmap", "1000:101000:64536",
                        "--gidmap", "0:100000:65536").buildahFrom("--userns-uid-map", "0:100000:1000",
                        "--userns-uid-map", "1000:101000:64536", "--userns-gid-map", "0:100000:65536"),
                named("user namespace with host network").skiff(userns("--net", "host"))
                        .buildahFrom(buildahUserns("--network", "host")),
                named("user namespace with host IPC").skiff(userns("--ipc", "host")).buildahFrom(buildahUserns("--ipc", "host")),
                named("user namespace and a user").skiff(userns("-u", "1000:1000")).buildahFrom(buildahUserns())
                        .buildahRun("--user", "1000:1000"),
                named("env").run("-e", "A=1", "-e", "B=two words", "-e", "EMPTY=", "--env", "PATH=/bin"),
                named("env overrides HOSTNAME and HOME").run("-e", "HOSTNAME=mine", "-e", "HOME=/elsewhere"),
                named("workingdir").run("--workingdir", "/tmp/work"),
                named("workingdir of a user").run("--workingdir", "/home/skiff/sub").skiff("-u", "skiff")
                        .buildahRun("--user", "skiff"),
                named("hostname").run("--hostname", "box.example"),
                named("terminal").run("-t"),
                named("terminal for a user").run("-t").skiff("-u", "1000").buildahRun("--user", "1000"),
                named("no terminal").skiff("--terminal=false"),
                named("image config").skiff("--image-config", imageConfig.toString(), "--name", VOLUME_CONTAINER)
                        .buildahConfig(imageConfigFlags()),
                named("image config under run options").skiff("--image-config", imageConfig.toString(),
                        "--name", VOLUME_CONTAINER).buildahConfig(imageConfigFlags())
                        .run("-e", "SHARED=run", "--workingdir", "/", "--hostname", "img").skiff("-u", "0")
                        .buildahRun("--user", "0"),
                named("a shell command line").command("/bin/sh", "-c", "echo \"$HOME\" > /tmp/x"));
    }

    @BeforeAll
    static void setUp() throws Exception {
        Prerequisites.root();
        BuildahOracle.require();
        rootfs = SkiffCommand.busyboxRootfs(work.resolve("rootfs"));
        stateDir = Files.createDirectories(work.resolve("state"));
        seccompProfile = resource("oracle-seccomp.json");
        imageConfig = resource("oracle-image-config.json");
        buildah = new BuildahOracle(rootfs, Files.createDirectories(work.resolve("buildah")));
    }

    @AfterAll
    static void tearDown() throws Exception {
        ContainerDirs.of(VOLUME_CONTAINER).delete();
        if (buildah != null) {
            buildah.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void skiffGeneratesWhatBuildahGenerates(OracleCase c) throws Exception {
        BuildahOracle.Capture capture = buildah.run(c.buildahFrom, c.buildahConfig, c.buildahRun, c.command);
        ObjectNode fromBuildah = JsonDiff.parse(capture.configJson(), "buildah's config.json");
        ObjectNode fromSkiff = JsonDiff.parse(skiffDryRun(c), "skiff's config.json");
        c.skiffOnly.forEach((pointer, value) -> put(fromBuildah, pointer, value));
        ObjectNode buildahSide = OracleNormaliser.buildah(fromBuildah, capture.bundle());
        ObjectNode skiffSide = OracleNormaliser.skiff(fromSkiff, List.of(stateDir, SKIFF_CONTAINERS));
        if (c.skiff.stream().noneMatch(flag -> flag.startsWith("seccomp="))) {
            OracleNormaliser.withoutKeyringCalls(buildahSide);
            OracleNormaliser.withoutKeyringCalls(skiffSide);
        }
        JsonDiff.assertEqual(c.name, "buildah", buildahSide, "skiff", skiffSide);
    }

    private static String skiffDryRun(OracleCase c) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("run", "--dry-run", "--state-dir", stateDir.toString(),
                "--rootfs", rootfs.toString()));
        argv.addAll(c.skiff);
        argv.add("--");
        argv.addAll(c.command);
        SkiffCommand.Result r = SkiffCommand.run(argv);
        assertThat(r.exitCode()).as("skiff %s: %s", argv, r.stderr()).isZero();
        assertThat(SkiffCommand.entries(stateDir)).as("a dry run leaves no bundle").isEmpty();
        return r.stdout();
    }

    /** Sets the object field at {@code pointer} (its parent objects must exist) to a boolean or string. */
    private static void put(ObjectNode config, String pointer, Object value) {
        int slash = pointer.lastIndexOf('/');
        ObjectNode parent = (ObjectNode) config.at(pointer.substring(0, slash));
        String field = pointer.substring(slash + 1);
        switch (value) {
            case Boolean b -> parent.put(field, b);
            case String text -> parent.put(field, text);
            default -> throw new IllegalArgumentException("not a boolean or string: " + value);
        }
    }

    private static String[] userns(String... more) {
        return Stream.concat(Stream.of("--uidmap", "0:100000:65536", "--gidmap", "0:100000:65536"), Stream.of(more))
                .toArray(String[]::new);
    }

    private static String[] buildahUserns(String... more) {
        return Stream.concat(Stream.of("--userns-uid-map", "0:100000:65536", "--userns-gid-map", "0:100000:65536"),
                Stream.of(more)).toArray(String[]::new);
    }

    /** oracle-image-config.json in {@code buildah config} terms. */
    private static String[] imageConfigFlags() {
        return new String[] {"--user", "skiff", "--env", "PATH=/usr/local/bin:/usr/bin:/bin", "--env", "IMAGE_ONLY=1",
                "--env", "SHARED=image", "--workingdir", "/srv/app", "--volume", "/data",
                "--label", "org.example.label=value"};
    }

    private static Path resource(String name) throws IOException {
        try (InputStream in = BuildahOracleIT.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            Path file = work.resolve(name);
            Files.copy(in, file);
            return file;
        }
    }
}
