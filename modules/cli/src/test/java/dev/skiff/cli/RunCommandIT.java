package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code skiff run} end to end: the jlink image, real runc, a real busybox rootfs. */
@Tag("integration")
class RunCommandIT {
    @TempDir
    static Path shared;
    static Path rootfs;

    @TempDir
    Path stateDir;
    @BeforeAll
    static void makeRootfs() throws Exception {
        Prerequisites.root();
        Prerequisites.runc();
        rootfs = SkiffCommand.busyboxRootfs(shared.resolve("rootfs"));
    }

    @AfterEach
    void nothingIsLeftBehind() throws Exception {
        assertThat(SkiffCommand.entries(stateDir)).as("bundles left in the state dir").isEmpty();
        assertThat(SkiffCommand.runcContainers(stateDir)).as("runc list").isEmpty();
    }

    private SkiffCommand.Result skiff(String... args) throws IOException, InterruptedException {
        return skiff(new byte[0], args);
    }

    private SkiffCommand.Result skiff(byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("run", "--state-dir", stateDir.toString(),
                "--rootfs", rootfs.toString()));
        argv.addAll(Arrays.asList(args));
        return SkiffCommand.run(stdin, argv);
    }

    @Test
    void printsOutputAndExitsZero() throws Exception {
        SkiffCommand.Result r = skiff("echo", "hello", "world");
        assertThat(r.stdout()).isEqualTo("hello world\n");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void aPipedStdoutGoesStraightToTheContainerWhileStderrIsRelayed() throws Exception {
        // The shell prints what its own 1 and 2 are, then becomes skiff with the same
        // descriptors; the container prints what it got as 1 and 2.
        String script = "readlink /proc/$$/fd/1; readlink /proc/$$/fd/2; exec \"$0\" \"$@\"";
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", script, SkiffCommand.launcher().toString(),
                "run", "--state-dir", stateDir.toString(), "--rootfs", rootfs.toString(),
                "sh", "-c", "readlink /proc/self/fd/1; readlink /proc/self/fd/2"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor()).as(String.join("\n", lines)).isZero();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).as("the shell's stdout and stderr are one pipe").startsWith("pipe:")
                .isEqualTo(lines.get(1));
        assertThat(lines.get(2)).as("the container's stdout is the caller's pipe itself").isEqualTo(lines.get(0));
        assertThat(lines.get(3)).as("the container's stderr is the relay's own pipe").startsWith("pipe:")
                .isNotEqualTo(lines.get(0));
    }

    @Test
    void aFileAsStdoutIsRelayedSoTheRuntimeNeverChownsIt() throws Exception {
        Path out = stateDir.resolveSibling(stateDir.getFileName() + "-out.txt");
        try {
            List<String> cmd = List.of(SkiffCommand.launcher().toString(), "run", "--state-dir", stateDir.toString(),
                    "--rootfs", rootfs.toString(), "--user", "1000:1000", "echo", "written");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).start();
            assertThat(p.waitFor()).isZero();
            assertThat(Files.readString(out)).isEqualTo("written\n");
            assertThat(Files.getAttribute(out, "unix:uid")).as("owner of the caller's file").isEqualTo(0);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void stdoutAndStderrStaySeparate() throws Exception {
        SkiffCommand.Result r = skiff("sh", "-c", "echo out; echo err >&2");
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
    }

    @Test
    void stdinIsPipedAndItsEndClosesTheContainersStdin() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(data);
        SkiffCommand.Result r = skiff(data, "wc", "-c");
        assertThat(r.stdout().strip()).isEqualTo(Integer.toString(data.length));
        SkiffCommand.Result cat = skiff("line one\nline two\n".getBytes(StandardCharsets.UTF_8), "cat");
        assertThat(cat.stdout()).isEqualTo("line one\nline two\n");
    }

    @Test
    void largeOutputArrivesWhole() throws Exception {
        SkiffCommand.Result r = skiff("sh", "-c", "head -c 20000000 /dev/zero | tr '\\0' x; echo; echo done >&2");
        assertThat(r.stdout()).hasSize(20_000_001);
        assertThat(r.stderr()).isEqualTo("done\n");
    }

    /**
     * The caller stops reading: the container's writer learns it (EPIPE, or SIGPIPE where the
     * runtime leaves that signal at its default), and Skiff neither hangs nor leaks.
     */
    @Test
    void callerClosingStdoutEarlyEndsTheWriter() throws Exception {
        Process p = new ProcessBuilder(SkiffCommand.launcher().toString(), "run", "--state-dir", stateDir.toString(),
                "--rootfs", rootfs.toString(), "--network", "none", "yes").redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] some = p.getInputStream().readNBytes(100_000);
        assertThat(new String(some, StandardCharsets.UTF_8)).startsWith("y\ny\n");
        p.getInputStream().close();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("skiff exits").isTrue();
        assertThat(p.exitValue()).as("yes stopped on EPIPE or SIGPIPE").isIn(1, 128 + 13);
    }

    @Test
    void environmentWorkingDirectoryAndHostname() throws Exception {
        SkiffCommand.Result r = skiff("-e", "GREETING=hi there", "--env=OTHER=x", "--workingdir", "/tmp",
                "--hostname=box", "sh", "-c", "echo \"$GREETING/$OTHER\"; pwd; hostname");
        assertThat(r.stdout()).isEqualTo("hi there/x\n/tmp\nbox\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void missingWorkingDirectoryIsCreated() throws Exception {
        SkiffCommand.Result r = skiff("--workingdir", "/srv/new/dir", "pwd");
        assertThat(r.stdout()).isEqualTo("/srv/new/dir\n");
    }

    @Test
    void exitCodesArePassedThrough() throws Exception {
        assertThat(skiff("true").exitCode()).isZero();
        assertThat(skiff("false").exitCode()).isEqualTo(1);
        assertThat(skiff("sh", "-c", "exit 42").exitCode()).isEqualTo(42);
    }

    @Test
    void aSignalDeathExitsWith128PlusTheSignal() throws Exception {
        // The container's init ignores signals sent from inside its own pid namespace,
        // so the test kills it from the host, finding it by its unusual argument.
        String marker = "4" + (100000 + new Random().nextInt(800000));
        Thread killer = Thread.ofVirtual().start(() -> killWhenSeen("sleep", marker));
        SkiffCommand.Result r = skiff("sleep", marker);
        killer.join();
        assertThat(r.exitCode()).isEqualTo(137);
    }

    private static void killWhenSeen(String program, String arg) {
        byte[] wanted = (program + "\0" + arg + "\0").getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        if (Arrays.equals(Files.readAllBytes(p.resolve("cmdline")), wanted)) {
                            new ProcessBuilder("kill", "-KILL", p.getFileName().toString()).start().waitFor();
                            return;
                        }
                    } catch (IOException gone) {
                        // the process went away while we looked
                    }
                }
                Thread.sleep(20);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    @Test
    void aMissingCommandExits127WithOneLine() throws Exception {
        SkiffCommand.Result r = skiff("no-such-command");
        assertThat(r.exitCode()).isEqualTo(127);
        assertThat(r.stderr()).startsWith("skiff: ").contains("no-such-command");
        assertThat(r.stderr().strip().lines()).hasSize(1);
    }

    @Test
    void aNonExecutableCommandExits126() throws Exception {
        SkiffCommand.Result r = skiff("/etc/passwd");
        assertThat(r.exitCode()).isEqualTo(126);
        assertThat(r.stderr()).startsWith("skiff: ");
    }

    @Test
    void aMissingRootfsExits125NamingIt() throws Exception {
        SkiffCommand.Result r = SkiffCommand.run(List.of("run", "--state-dir", stateDir.toString(),
                "--rootfs", "/nonexistent/rootfs", "true"));
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.stderr()).isEqualTo("skiff: rootfs `/nonexistent/rootfs`: no such directory\n");
    }

    @Test
    void aBadRuntimePathExits125NamingIt() throws Exception {
        SkiffCommand.Result r = skiff("--runtime", "/nonexistent/runc", "true");
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.stderr()).isEqualTo("skiff: runtime `/nonexistent/runc`: no such file\n");
        SkiffCommand.Result notExecutable = skiff("--runtime", "/etc/hostname", "true");
        assertThat(notExecutable.exitCode()).isEqualTo(125);
        assertThat(notExecutable.stderr()).startsWith("skiff: runtime `/etc/hostname`: cannot run");
    }

    @Test
    void aFailingRuntimeLeavesNothing() throws Exception {
        SkiffCommand.Result r = skiff("--runtime", "/bin/false", "true");
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.stderr()).startsWith("skiff: ").contains("/bin/false");
    }

    @Test
    void runtimeFlagsReachTheRuntime() throws Exception {
        SkiffCommand.Result r = skiff("--runtime-flag", "debug", "echo", "ok");
        assertThat(r.stdout()).isEqualTo("ok\n");
        SkiffCommand.Result bad = skiff("--runtime-flag", "no-such-flag", "true");
        assertThat(bad.exitCode()).isEqualTo(125);
        assertThat(bad.stderr()).contains("no-such-flag");
    }

    @Test
    void usageErrorsExit125() throws Exception {
        assertThat(SkiffCommand.run(List.of("run", "true")).stderr()).contains("--rootfs");
        SkiffCommand.Result r = SkiffCommand.run(List.of("run", "--rootfs", rootfs.toString(), "--bogus", "x"));
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.stderr()).isEqualTo("skiff: unknown flag --bogus for `skiff run`\n");
    }
}
