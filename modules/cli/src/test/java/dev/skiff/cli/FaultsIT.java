package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.cli.TestBridgeNetwork.HostCommands;
import dev.skiff.testkit.MountTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on the run path, each ending with exit 125 (or the container's own status) and
 * nothing left: no bundle, no runc container, no mount under the state dir or the rootfs.
 */
@Tag("integration")
class FaultsIT {
    /** A bundle named in a message: the state dir, then {@code skiff-} and the short id. */
    private static final Pattern BUNDLE = Pattern.compile("/(skiff-[0-9a-f]{12})");

    @TempDir
    static Path shared;
    static Path rootfs;

    @TempDir
    Path stateDir;
    @TempDir
    Path work;

    @BeforeAll
    static void makeRootfs() throws Exception {
        Prerequisites.root();
        Prerequisites.runc();
        rootfs = SkiffCommand.busyboxRootfs(shared.resolve("rootfs"));
    }

    @Test
    void aRuntimeBinaryThatIsNotExecutableExits125NamingIt() throws Exception {
        Path runc = work.resolve("runc");
        Files.copy(Prerequisites.runc(), runc);
        Files.setAttribute(runc, "unix:mode", 0644);

        SkiffCommand.Result r = run(stateDir, "--runtime", runc.toString(), "echo", "never");
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("skiff: runtime `" + runc + "`: not an executable file\n");
        assertNothingLeft(stateDir);
    }

    /**
     * The state dir on a 64 KiB tmpfs, filled to leave 0, 1, 2, ... pages: each of the run's
     * writes into the bundle (journal, bound files, config.json, the runtime's pid file and
     * log) fails in turn with ENOSPC, until the run fits. Every failure exits 125 with one line
     * naming the file or bundle, and leaves nothing.
     */
    @Test
    void aFullDiskForTheBundleExits125NamingWhatFailedAndLeavesNothing() throws Exception {
        Path full = Files.createDirectory(work.resolve("full"));
        HostCommands.run("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "skiff-full", full.toString());
        List<String> failures = new ArrayList<>();
        try {
            for (int pages = 0; pages <= 16; pages++) {
                leaveFree(full, pages * 4096L);
                SkiffCommand.Result r = run(full, "echo", "fits");
                if (r.exitCode() == 0) {
                    assertThat(r.stdout()).isEqualTo("fits\n");
                    break;
                }
                failures.add(pages + " pages free: " + r.stderr().strip());
                assertThat(r.exitCode()).as(r.stderr()).isEqualTo(125);
                assertThat(r.stdout()).isEmpty();
                assertThat(r.stderr()).startsWith("skiff: ").containsIgnoringCase("no space left on device")
                        .contains(full + "/skiff-").endsWith("\n");
                assertThat(r.stderr().strip().lines()).hasSize(1);
                assertThat(SkiffCommand.entries(full)).as("only the filler").containsExactly(full.resolve("filler"));
                assertNothingLeft(full);
                assertNoContainerDirectory(r.stderr());
            }
        } finally {
            HostCommands.run("umount", full.toString());
        }
        failures.forEach(System.out::println);
        assertThat(failures).as("the sweep ends in a run that fits, past a config.json that did not")
                .hasSizeLessThan(17).anyMatch(f -> f.contains("/config.json`: No space left on device"));
    }

    /** SIGKILL from the host to the container's init while it runs: 128 + 9, and a clean teardown. */
    @Test
    void aContainerKilledFromOutsideExits137AndLeavesNothing() throws Exception {
        Process skiff = new ProcessBuilder(SkiffCommand.launcher().toString(), "run", "--state-dir",
                stateDir.toString(), "--rootfs", rootfs.toString(), "--network", "none",
                "sh", "-c", "echo started; sleep 600").redirectError(work.resolve("stderr").toFile()).start();
        byte[] line = skiff.getInputStream().readNBytes(8);
        assertThat(new String(line, StandardCharsets.UTF_8)).isEqualTo("started\n");
        List<Path> bundles = SkiffCommand.entries(stateDir);
        assertThat(bundles).hasSize(1);
        long init = Long.parseLong(Files.readString(bundles.get(0).resolve("pid")).strip());

        assertThat(ProcessHandle.of(init).orElseThrow().destroyForcibly()).isTrue();
        assertThat(skiff.waitFor(60, TimeUnit.SECONDS)).as("skiff exits").isTrue();
        assertThat(skiff.exitValue()).isEqualTo(137);
        assertThat(Files.readString(work.resolve("stderr"))).isEmpty();
        assertThat(ProcessHandle.of(init)).as("the container's init").isEmpty();
        assertNothingLeft(stateDir);
    }

    private static SkiffCommand.Result run(Path stateDir, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("run", "--state-dir", stateDir.toString(),
                "--rootfs", rootfs.toString(), "--network", "none"));
        argv.addAll(List.of(args));
        return SkiffCommand.run(argv);
    }

    /** Replaces the filler so that {@code bytes} stay free on the tmpfs at {@code dir}. */
    private static void leaveFree(Path dir, long bytes) throws Exception {
        Path filler = dir.resolve("filler");
        Files.deleteIfExists(filler);
        long size = Files.getFileStore(dir).getUsableSpace() - bytes;
        Files.write(filler, new byte[Math.toIntExact(size)]);
        assertThat(Files.getFileStore(dir).getUsableSpace()).isEqualTo(bytes);
    }

    private static void assertNothingLeft(Path stateDir) throws Exception {
        assertThat(SkiffCommand.entries(stateDir).stream().filter(p -> p.getFileName().toString().startsWith("skiff-")))
                .as("bundles left in the state dir").isEmpty();
        assertThat(SkiffCommand.runcContainers(stateDir)).as("runc list").isEmpty();
        assertThat(MountTable.under(rootfs)).as("mounts on the rootfs").isEmpty();
        assertThat(MountTable.under(stateDir)).as("mounts in the state dir")
                .allMatch(p -> p.equals(stateDir), "are the tmpfs itself");
    }

    /** The run's own directory for image volumes, named after its id, is gone too. */
    private static void assertNoContainerDirectory(String message) {
        Matcher m = BUNDLE.matcher(message);
        assertThat(m.find()).as("a bundle named in: %s", message).isTrue();
        assertThat(Path.of("/var/lib/skiff/containers", m.group(1))).doesNotExist();
    }
}
