package dev.skiff.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.mounts.BusyboxRootfs;
import dev.skiff.runtime.oci.OciRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a {@link Container} does, whichever monitor owns it: real runc, a busybox rootfs.
 * Subclasses choose the monitor. Every test must leave no runc container, bundle,
 * descriptor or child behind.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class ContainerContract {
    @TempDir
    static Path shared;
    static Path rootfs;

    @TempDir
    Path work;
    Path stateDir;

    /** The builder of the monitor mode under test. */
    abstract ContainerBuilder configure(ContainerBuilder builder);

    @BeforeAll
    static void makeRootfs() throws IOException {
        Prerequisites.root();
        Prerequisites.runc();
        rootfs = BusyboxRootfs.create(shared.resolve("rootfs"));
    }

    @BeforeEach
    void recordHostState() throws Exception {
        stateDir = work.resolve("state");
    }

    @AfterEach
    void nothingIsLeftBehind() throws Exception {
        assertThat(HostState.entries(stateDir)).as("bundles left in the state dir").isEmpty();
        assertThat(HostState.runcContainers(stateDir)).as("runc list").isEmpty();
    }

    ContainerBuilder container(String... command) {
        return configure(new ContainerBuilder(rootfs).stateDir(stateDir).command(command));
    }

    /** The API hands back what CNI attached: network, interface, address and gateway. */
    @Test
    void networksAttachedAreReported() throws Exception {
        assertThat(Path.of("/usr/lib/cni/bridge")).as("CNI plugins (containernetworking-plugins)").isExecutable();
        int subnet = 100 + (int) (ProcessHandle.current().pid() % 100) + (this instanceof ChildMonitorContainerTest ? 0 : 50);
        String bridge = "skapi" + subnet;
        Path confDir = Files.createDirectories(work.resolve("cni"));
        Path leases = work.resolve("leases");
        Files.writeString(confDir.resolve("10-api.conflist"), """
                {"cniVersion": "1.0.0", "name": "apinet", "plugins": [
                  {"type": "bridge", "bridge": "%s", "isGateway": true,
                   "ipam": {"type": "host-local", "dataDir": "%s",
                            "ranges": [[{"subnet": "10.234.%d.0/24"}]]}}]}""".formatted(bridge, leases, subnet));
        try (Container c = container("true")
                .request(r -> r.network(new NetworkOptions(confDir, null)).spec(s -> s.network("apinet"))).start()) {
            assertThat(c.networks()).singleElement().satisfies(n -> {
                assertThat(n.network()).isEqualTo("apinet");
                assertThat(n.interfaceName()).isEqualTo("eth0");
                assertThat(n.addresses()).singleElement().asString().startsWith("10.234." + subnet + ".").endsWith("/24");
                assertThat(n.gateway()).isEqualTo("10.234." + subnet + ".1");
            });
            assertThat(c.waitFor()).isEqualTo(ExitStatus.exited(0));
        } finally {
            new ProcessBuilder("ip", "link", "del", bridge).start().waitFor();
        }
        try (var files = Files.walk(leases)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("10.234."))).as("IPAM leases").isEmpty();
        }
    }

    static String text(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** Reads a stream to its end on a virtual thread. */
    static Future<byte[]> readAll(InputStream in) {
        java.util.concurrent.CompletableFuture<byte[]> result = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(in.readAllBytes());
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Test
    void outputArrivesThroughGetInputStream() throws Exception {
        try (Container c = container("sh", "-c", "echo out; echo err >&2").start()) {
            assertThat(c.pid()).isPositive();
            assertThat(text(c.getInputStream())).isEqualTo("out\n");
            assertThat(text(c.getErrorStream())).isEqualTo("err\n");
            assertThat(c.waitFor()).isEqualTo(ExitStatus.exited(0));
        }
    }

    @Test
    void largeBinaryOutputOnBothStreamsArrivesWhole() throws Exception {
        byte[] a = new byte[24 * 1024 * 1024 + 3];
        byte[] b = new byte[9 * 1024 * 1024 + 7];
        new Random(1).nextBytes(a);
        new Random(2).nextBytes(b);
        String name = "big-" + System.nanoTime();
        Files.write(rootfs.resolve("tmp/" + name + ".a"), a);
        Files.write(rootfs.resolve("tmp/" + name + ".b"), b);
        try (Container c = container("sh", "-c", "cat /tmp/$0.b >&2 & cat /tmp/$0.a; wait", name).start()) {
            Future<byte[]> out = readAll(c.getInputStream());
            Future<byte[]> err = readAll(c.getErrorStream());
            assertThat(sha256(out.get())).isEqualTo(sha256(a));
            assertThat(sha256(err.get())).isEqualTo(sha256(b));
            assertThat(c.waitFor()).isEqualTo(ExitStatus.exited(0));
        } finally {
            Files.delete(rootfs.resolve("tmp/" + name + ".a"));
            Files.delete(rootfs.resolve("tmp/" + name + ".b"));
        }
    }

    @Test
    void stdinOfAFewMegabytesGoesThroughCat() throws Exception {
        byte[] data = new byte[5 * 1024 * 1024 + 11];
        new Random(3).nextBytes(data);
        try (Container c = container("cat").start()) {
            Future<byte[]> out = readAll(c.getInputStream());
            try (var stdin = c.getOutputStream()) {
                stdin.write(data);
            }
            assertThat(sha256(out.get())).isEqualTo(sha256(data));
            assertThat(c.waitFor()).isEqualTo(ExitStatus.exited(0));
        }
    }

    @Test
    void stdinEndIsSeenByWc() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 1];
        try (Container c = container("wc", "-c").start()) {
            try (var stdin = c.getOutputStream()) {
                stdin.write(data);
            }
            assertThat(text(c.getInputStream()).strip()).isEqualTo(Integer.toString(data.length));
            assertThat(c.waitFor()).isEqualTo(ExitStatus.exited(0));
        }
    }

    @Test
    void redirectsToFilesAppendAndDiscard() throws Exception {
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        Files.writeString(err, "before\n");
        try (Container c = container("sh", "-c", "echo to-file; echo to-err >&2")
                .redirectOutput(out.toFile()).redirectError(Redirect.appendTo(err.toFile())).start()) {
            assertThat(c.getInputStream().read()).isEqualTo(-1);
            assertThat(c.waitFor()).isEqualTo(ExitStatus.exited(0));
        }
        assertThat(Files.readString(out)).isEqualTo("to-file\n");
        assertThat(Files.readString(err)).isEqualTo("before\nto-err\n");
        try (Container c = container("sh", "-c", "head -c 1000000 /dev/zero; echo e >&2")
                .redirectOutput(Redirect.DISCARD).redirectErrorStream(true).start()) {
            assertThat(c.waitFor()).isEqualTo(ExitStatus.exited(0));
        }
    }

    @Test
    void inputFromAFileAndFromAStream() throws Exception {
        Path in = work.resolve("in.txt");
        Files.writeString(in, "from a file\n");
        try (Container c = container("cat").redirectInput(in.toFile()).start()) {
            assertThat(text(c.getInputStream())).isEqualTo("from a file\n");
            assertThat(c.waitFor()).isEqualTo(ExitStatus.exited(0));
        }
        byte[] data = new byte[2 * 1024 * 1024];
        new Random(4).nextBytes(data);
        try (Container c = container("wc", "-c").redirectInput(new ByteArrayInputStream(data)).start()) {
            assertThat(text(c.getInputStream()).strip()).isEqualTo(Integer.toString(data.length));
            assertThat(c.waitFor()).isEqualTo(ExitStatus.exited(0));
        }
    }

    @Test
    void outputStreamsGetEveryByteBeforeTheExitIsReported() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Container c = container("sh", "-c", "head -c 3000000 /dev/zero; echo done >&2")
                .redirectOutput(out).redirectError(err).start()) {
            ExitStatus status = c.onExit().get(60, TimeUnit.SECONDS);
            assertThat(status).isEqualTo(ExitStatus.exited(0));
            assertThat(out.size()).isEqualTo(3_000_000);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("done\n");
        }
    }

    @Test
    void mergedErrorStreamGoesToTheOutputStream() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Container c = container("sh", "-c", "echo one; echo two >&2").redirectOutput(out)
                .redirectErrorStream(true).start()) {
            assertThat(c.waitFor()).isEqualTo(ExitStatus.exited(0));
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("one\n").contains("two\n").hasSize(8);
    }

    @Test
    void exitCodesArePassedThrough() throws Exception {
        for (int code : new int[] {0, 1, 42}) {
            try (Container c = container("sh", "-c", "exit " + code).start()) {
                assertThat(c.waitFor()).isEqualTo(ExitStatus.exited(code));
            }
        }
    }

    @Test
    void environmentDirectoryAndHostname() throws Exception {
        ContainerBuilder b = container("sh", "-c", "echo \"$GREETING\"; pwd; hostname").directory("/srv/app")
                .hostname("box");
        b.environment().put("GREETING", "hi there");
        try (Container c = b.start()) {
            assertThat(text(c.getInputStream())).isEqualTo("hi there\n/srv/app\nbox\n");
            assertThat(c.waitFor()).isEqualTo(ExitStatus.exited(0));
        }
    }

    @Test
    void destroyForciblyKillsWithSignal9() throws Exception {
        try (Container c = container("sleep", "600").start()) {
            assertThat(Files.exists(Path.of("/proc/" + c.pid()))).isTrue();
            c.destroyForcibly();
            assertThat(c.waitFor()).isEqualTo(ExitStatus.signaled(9));
        }
    }

    @Test
    void destroyEndsAProcessThatHandlesTerm() throws Exception {
        try (Container c = container("sh", "-c", "trap 'exit 7' TERM; echo ready; sleep 600 & wait")
                .stopGracePeriod(Duration.ofSeconds(60)).start()) {
            assertThat(new String(c.getInputStream().readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("ready\n");
            long begin = System.nanoTime();
            c.destroy();
            assertThat(c.waitFor()).isEqualTo(ExitStatus.exited(7));
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(30));
        }
    }

    /**
     * start() returns once the init has exec'd the command, not merely once the runtime
     * has released it: a TERM sent to runc's own init (pid 1 of its namespace) makes it
     * exit 2 without running the command. runc start reads the exec fifo to its end, which
     * comes when the init's exec closes it; this holds Skiff to that. A startContainer hook
     * (run by the init after start released it, before the exec) holds the window open for
     * 300 ms. TERM then meets the trap (143) or, just before the trap is set, is ignored by
     * the pid namespace's init until KILL follows (9); never 2.
     */
    @Test
    void aDestroyRightAfterStartReachesTheCommand() throws Exception {
        Path runtime = work.resolve("runc-with-slow-start");
        Files.writeString(runtime, """
                #!/bin/sh
                # runc, with a startContainer hook that holds the init 300 ms between start and exec
                prev=
                for arg; do
                    if [ "$prev" = --bundle ]; then
                        sed -i '1s|^{|{"hooks":{"startContainer":[{"path":"/bin/sleep","args":["sleep","0.3"]}]},|' \
                            "$arg/config.json"
                        grep -q startContainer "$arg/config.json" || { echo "no hook added" >&2; exit 99; }
                    fi
                    prev=$arg
                done
                exec runc "$@"
                """);
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Container c = container("sh", "-c", "trap 'exit 143' TERM; while :; do sleep 1; done")
                .request(r -> r.runtime(runtime.toString())).stopGracePeriod(Duration.ofMillis(300)).start()) {
            assertThat(Files.readSymbolicLink(Path.of("/proc/" + c.pid() + "/exe")))
                    .as("the init's executable once start() returned").hasToString("/bin/busybox");
            c.destroy();
            assertThat(c.waitFor()).isIn(ExitStatus.exited(143), ExitStatus.signaled(9));
        }
    }

    @Test
    void destroyKillsAfterTheGracePeriodWhenTermIsIgnored() throws Exception {
        // A pid namespace's init ignores TERM it has no handler for: KILL must follow.
        try (Container c = container("sleep", "600").stopGracePeriod(Duration.ofMillis(500)).start()) {
            c.destroy();
            assertThat(c.waitFor()).isEqualTo(ExitStatus.signaled(9));
        }
    }

    @Test
    void aTimedOutWaitStopsTheContainer() throws Exception {
        try (Container c = container("sleep", "600").stopGracePeriod(Duration.ofMillis(300)).start()) {
            assertThat(c.waitFor(Duration.ofMillis(200))).isEmpty();
            Optional<ExitStatus> after = c.waitFor(Duration.ofSeconds(30));
            assertThat(after).contains(ExitStatus.signaled(9));
        }
    }

    @Test
    void anInterruptedWaitStopsTheContainer() throws Exception {
        try (Container c = container("sleep", "600").stopGracePeriod(Duration.ofMillis(300)).start()) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread waiter = Thread.ofVirtual().start(() -> {
                try {
                    c.waitFor();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            Thread.sleep(200);
            waiter.interrupt();
            waiter.join();
            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
            assertThat(c.onExit().get(30, TimeUnit.SECONDS)).isEqualTo(ExitStatus.signaled(9));
        }
    }

    @Test
    void onExitCompletesAndCloseIsIdempotent() throws Exception {
        Container c = container("sh", "-c", "exit 3").start();
        assertThat(c.onExit().thenApply(ExitStatus::shellCode).get(60, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(c.isAlive()).isFalse();
        c.close();
        c.close();
        Container running = container("sleep", "600").start();
        assertThat(running.isAlive()).isTrue();
        running.close();
        assertThat(running.isAlive()).isFalse();
        assertThat(running.onExit().get()).isEqualTo(ExitStatus.signaled(9));
        running.close();
    }

    @Test
    void closeDoesNotWaitForOutputNobodyReads() throws Exception {
        Container c = container("sh", "-c", "head -c 50000000 /dev/zero; sleep 600").start();
        Thread.sleep(300);
        c.close();
        assertThat(c.isAlive()).isFalse();
    }

    @Test
    void aMissingCommandFailsWith127() {
        assertThatThrownBy(() -> container("/no/such/command").start())
                .isInstanceOfSatisfying(SkiffException.class, e -> assertThat(e.exitCode()).isEqualTo(127))
                .hasMessageContaining("/no/such/command");
    }

    @Test
    void aNonExecutableCommandFailsWith126() {
        assertThatThrownBy(() -> container("/etc/passwd").start())
                .isInstanceOfSatisfying(SkiffException.class, e -> assertThat(e.exitCode()).isEqualTo(126));
    }

    @Test
    void aFailingRuntimeFailsWith125AndItsOutput() {
        assertThatThrownBy(() -> container("true").runtimeFlag("--no-such-flag").start())
                .isInstanceOfSatisfying(SkiffException.class, e -> assertThat(e.exitCode()).isEqualTo(125))
                .hasMessageContaining("no-such-flag")
                .rootCause().isInstanceOfSatisfying(OciRuntimeException.class, r -> {
                    assertThat(r.argv()).contains("--no-such-flag");
                    // runc prints a usage error on its stderr, which is the container's: the message has it.
                    assertThat(r.exitCode()).isNotZero();
                });
    }

    @Test
    void aTerminalIsResizedWhileTheContainerRuns() throws Exception {
        try (Container c = container("sh", "-c", "stty size; read line; stty size").terminal(true)
                .consoleSize(80, 24).start()) {
            var lines = new java.io.BufferedReader(new java.io.InputStreamReader(c.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("24 80");
            c.resize(132, 43);
            c.getOutputStream().write("\n".getBytes(StandardCharsets.UTF_8));
            c.getOutputStream().flush();
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).isEqualTo("43 132");
            assertThat(c.waitFor()).isEqualTo(ExitStatus.exited(0));
            assertThat(c.getErrorStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void requestHookReachesOptionsTheBuilderDoesNotWrap() throws Exception {
        try (Container c = container("hostname").request(r -> r.hostname("from-hook")).start()) {
            assertThat(text(c.getInputStream())).isEqualTo("from-hook\n");
            assertThat(c.waitFor()).isEqualTo(ExitStatus.exited(0));
        }
    }
}
