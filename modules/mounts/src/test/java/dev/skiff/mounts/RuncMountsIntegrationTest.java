package dev.skiff.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.skiff.libc.Processes;
import dev.skiff.spec.Spec;
import dev.skiff.spec.SpecDefaults;
import dev.skiff.testkit.Prerequisite;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planned mounts in a real container: a config.json with them over a busybox rootfs,
 * run by {@code runc run}. Needs root, runc and a static busybox; without them the test is
 * skipped locally and fails when CI=true.
 */
@Tag("integration")
class RuncMountsIntegrationTest {
    private static final Path RUNC = Path.of("/usr/sbin/runc");

    @TempDir
    Path tmp;

    Path rootfs;
    Path bundle;
    final List<String> containers = new ArrayList<>();
    final List<PreparedMounts> prepared = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        Prerequisite.require(Files.isExecutable(RUNC), "runc is not installed at " + RUNC);
        Prerequisite.require(Processes.geteuid() == 0, "runc runs containers as root here");
        HostBusybox.require();
        rootfs = BusyboxRootfs.create(tmp.resolve("rootfs"));
        bundle = Files.createDirectories(tmp.resolve("bundle"));
    }

    @AfterEach
    void tearDown() throws IOException, InterruptedException {
        for (String id : containers) {
            // A container left by a failed assertion or a timeout; absent is fine.
            runc("delete", "--force", id);
        }
        for (PreparedMounts mounts : prepared) {
            mounts.close();
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private Result runc(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(RUNC.toString()));
        argv.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "runc", ".out");
        Path err = Files.createTempFile(tmp, "runc", ".err");
        Process process = new ProcessBuilder(argv)
                .redirectInput(new File("/dev/null"))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("runc " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Prepares the mounts, writes config.json, runs {@code sh -c script} and returns what it printed. */
    private Result run(MountRequest request, String script) throws IOException, InterruptedException {
        PreparedMounts mounts = RunMounts.prepare(request);
        prepared.add(mounts);
        Spec spec = SpecDefaults.generate()
                .withRootPath(rootfs.toString())
                .withProcess(p -> p.withArgs("sh", "-c", script).withTerminal(false))
                .withMounts(mounts.mounts());
        spec.write(bundle.resolve("config.json"));
        String id = "skiff-mounts-it-" + UUID.randomUUID().toString().substring(0, 8);
        containers.add(id);
        Result result = runc("run", "--bundle", bundle.toString(), id);
        assertThat(result.exitCode()).as("runc run: %s%s", result.stdout(), result.stderr()).isZero();
        mounts.close();
        return result;
    }

    @Test
    void rwVolumeWritesReachTheHostRoVolumeRefusesWritesTmpfsHasItsSize() throws Exception {
        Path rw = Files.createDirectories(tmp.resolve("host-rw"));
        Path ro = Files.createDirectories(tmp.resolve("host-ro"));
        Files.writeString(ro.resolve("given.txt"), "from the host\n");
        MountRequest request = MountRequest.builder(bundle, rootfs)
                .noSecrets()
                .runVolumes(List.of(
                        VolumeSpec.parseVolume(rw + ":/rw"),
                        VolumeSpec.parseVolume(ro + ":/ro:ro"),
                        VolumeSpec.parseMount("type=tmpfs,destination=/scratch,tmpfs-size=8m,tmpfs-mode=1777")))
                .specMounts(SpecDefaults.MOUNTS)
                .boundFiles(BoundFilesOptions.DEFAULT.withExtraHosts(List.of(ExtraHost.parse("db.test:10.9.8.7"))))
                .build();
        String script = """
                echo written-inside > /rw/out.txt
                if echo x > /ro/new 2>/dev/null; then echo RO=writable; else echo RO=refused; fi
                cat /ro/given.txt
                grep ' /scratch ' /proc/mounts
                df -k /scratch | tail -n 1
                grep db.test /etc/hosts
                """;

        Result result = run(request, script);

        assertThat(Files.readString(rw.resolve("out.txt"))).isEqualTo("written-inside\n");
        assertThat(result.stdout()).contains("RO=refused").contains("from the host\n");
        assertThat(ro.resolve("new")).doesNotExist();
        String[] lines = result.stdout().split("\n");
        assertThat(line(lines, " /scratch ")).startsWith("tmpfs /scratch tmpfs rw,").contains("size=8192k");
        // df -k: filesystem, 1K-blocks, used, available, use%, mounted on
        assertThat(line(lines, "% /scratch").split("\\s+")[1]).isEqualTo("8192");
        assertThat(result.stdout()).contains("10.9.8.7\tdb.test");
        assertThat(bundle.resolve("hosts")).doesNotExist();
    }

    @Test
    void imageVolumeKeepsItsContentBetweenRuns() throws Exception {
        Files.createDirectories(rootfs.resolve("cache"));
        Files.writeString(rootfs.resolve("cache/seed.txt"), "from the image\n", StandardCharsets.UTF_8);
        ContainerDirs dirs = new ContainerDirs(tmp.resolve("state"), "it-box");
        MountRequest request = MountRequest.builder(bundle, rootfs)
                .noSecrets()
                .containerDirs(dirs)
                .imageVolumes(List.of("/cache"))
                .specMounts(SpecDefaults.MOUNTS)
                .build();

        run(request, "cat /cache/seed.txt > /cache/first-run.txt; echo more >> /cache/seed.txt");
        Result second = run(request, "cat /cache/seed.txt /cache/first-run.txt");

        assertThat(second.stdout()).isEqualTo("from the image\nmore\nfrom the image\n");
        assertThat(Files.readString(rootfs.resolve("cache/seed.txt"))).isEqualTo("from the image\n");
        assertThat(dirs.imageVolumeDir("/cache").resolve("first-run.txt")).exists();
    }

    private static String line(String[] lines, String containing) {
        for (String line : lines) {
            if (line.contains(containing)) {
                return line;
            }
        }
        return fail("no line with `" + containing + "` in " + String.join("\n", lines));
    }
}
