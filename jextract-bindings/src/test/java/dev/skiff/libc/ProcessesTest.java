package dev.skiff.libc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessesTest {

    private static int spawn(String script) throws ErrnoException {
        return Processes.spawn(new Processes.Spawn("/bin/sh", List.of("sh", "-c", script), null,
                Map.of(0, 0, 1, 1, 2, 2)));
    }

    @Test
    void pidfdWaitReportsExitCode() throws Exception {
        int pid = spawn("exit 42");
        try (OwnedFd pidfd = Processes.pidfdOpen(pid)) {
            assertThat(Fds.poll(pidfd.fd(), Fds.POLLIN, 10_000)).isNotZero();
            assertThat(Processes.waitPidfd(pidfd, false)).contains(new WaitStatus.Exited(42));
        }
    }

    @Test
    void pidfdWaitReportsSignalDeath() throws Exception {
        int pid = spawn("sleep 30");
        try (OwnedFd pidfd = Processes.pidfdOpen(pid)) {
            assertThat(Processes.waitPidfd(pidfd, false)).isEmpty();
            assertThat(Processes.pidfdSendSignal(pidfd, Processes.SIGKILL)).isTrue();
            WaitStatus status = Processes.waitPidfd(pidfd, true).orElseThrow();
            assertThat(status).isEqualTo(new WaitStatus.Signaled(Processes.SIGKILL, false));
            assertThat(status.shellCode()).isEqualTo(137);
            assertThat(Processes.pidfdSendSignal(pidfd, Processes.SIGKILL)).isFalse();
        }
    }

    @Test
    void spawnMapsDescriptorsAndEnvironment() throws Exception {
        OwnedFd[] pipe = Fds.pipe(Fds.O_CLOEXEC);
        try (OwnedFd r = pipe[0]; OwnedFd w = pipe[1]) {
            int pid = Processes.spawn(new Processes.Spawn("/bin/sh", List.of("sh", "-c", "echo $GREETING"),
                    List.of("GREETING=hi there"), Map.of(1, w.fd())));
            w.close();
            assertThat(Processes.waitPid(pid)).isEqualTo(new WaitStatus.Exited(0));
            var buf = java.lang.foreign.Arena.ofAuto().allocate(64);
            long n = Fds.read(r.fd(), buf, 64);
            assertThat(new String(buf.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)))
                    .isEqualTo("hi there\n");
        }
    }

    @Test
    void waitStatusDecodesStatusWords() {
        assertThat(WaitStatus.fromStatusWord(3 << 8)).isEqualTo(new WaitStatus.Exited(3));
        assertThat(WaitStatus.fromStatusWord(9)).isEqualTo(new WaitStatus.Signaled(9, false));
        assertThat(WaitStatus.fromStatusWord(0x80 | 11)).isEqualTo(new WaitStatus.Signaled(11, true));
    }

    /**
     * Subreaping changes process-wide state, so it is tried in a child JVM
     * ({@link SubreaperProbe}), never in the test JVM itself.
     */
    @Test
    void childSubreaperAdoptsAndReapsOrphans() throws Exception {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        String classpath = location(SubreaperProbe.class) + ":" + location(Processes.class);
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", classpath, SubreaperProbe.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("subreaper=true").contains("reaped orphan exit=7");
    }

    private static String location(Class<?> c) throws IOException {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
