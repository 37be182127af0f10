package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code skiff run -t} under a real pseudo-terminal the test makes itself (a small
 * python3 terminal driver): raw mode, window size and its changes, the exit status, and
 * the caller's terminal modes restored afterwards, also when the container is killed.
 */
@Tag("integration")
class TerminalIT {
    @TempDir
    static Path shared;
    static Path rootfs;
    static Path driver;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void setUp() throws Exception {
        Prerequisites.root();
        Prerequisites.runc();
        rootfs = shared.resolve("rootfs");
        SkiffCommand.busyboxRootfs(rootfs);
        driver = shared.resolve("pty_session.py");
        try (var in = TerminalIT.class.getResourceAsStream("/pty_session.py")) {
            Files.write(driver, in.readAllBytes());
        }
    }

    /** What the driver reports: the exit code, whether the modes came back, the output. */
    record Session(int exit, boolean restored, String output) {}

    private Session session(String steps, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Prerequisites.python3().toString(), driver.toString(), steps, "--",
                SkiffCommand.launcher().toString(), "run", "--state-dir", stateDir.toString(),
                "--rootfs", rootfs.toString(), "--network", "none"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String[] lines = out.split("\n", 3);
        assertThat(lines[0]).as(out).startsWith("exit ");
        return new Session(Integer.parseInt(lines[0].substring(5)), lines[1].equals("restored True"),
                lines.length > 2 ? lines[2] : "");
    }

    @Test
    void interactiveShellSeesTheTerminalAndItsResize() throws Exception {
        Session r = session("""
                [["expect", "# "], ["send", "tty; stty size\\n"], ["expect", "30 100"],
                 ["resize", 40, 120], ["retry", "stty size\\n", "40 120"],
                 ["send", "exit 7\\n"]]""", "sh");
        assertThat(r.output()).contains("/dev/pts/");
        assertThat(r.exit()).isEqualTo(7);
        assertThat(r.restored()).as("terminal modes restored").isTrue();
        assertThat(SkiffCommand.entries(stateDir)).isEmpty();
    }

    @Test
    void terminalIsRestoredWhenTheContainerIsKilled() throws Exception {
        Session r = session("""
                [["expect", "ready"], ["kill", "SIGKILL", "sleep", "4711"]]""",
                "sh", "-c", "echo ready; exec sleep 4711");
        assertThat(r.exit()).isEqualTo(137);
        assertThat(r.restored()).isTrue();
        assertThat(SkiffCommand.entries(stateDir)).isEmpty();
    }

    @Test
    void defaultPolicyGivesATerminalWhenAllStdioAre() throws Exception {
        Session r = session("[]", "sh", "-c", "test -t 0 && test -t 1 && echo is-a-tty");
        assertThat(r.output()).contains("is-a-tty");
        assertThat(r.exit()).isZero();
    }
}
