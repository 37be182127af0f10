package dev.skiff.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ProcessBuilder executor against real (script) processes: env, stdin, stdout, stderr, exit. */
class ProcessPluginExecutorTest {
    @TempDir
    Path dir;

    private final ProcessPluginExecutor executor = new ProcessPluginExecutor(Duration.ofSeconds(20));

    @Test
    void passesExactlyTheEnvironmentAndStdinAndCapturesBothOutputs() throws Exception {
        Path plugin = ScriptPlugins.write(dir, "echoer", """
                env | sort
                echo "stdin:$(cat)"
                echo to-stderr >&2
                exit 3
                """);

        PluginExecutor.Output out = executor.execute(new PluginExecutor.Invocation(plugin,
                Map.of("CNI_COMMAND", "ADD", "PATH", "/usr/bin:/bin"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));

        assertThat(out.exitCode()).isEqualTo(3);
        assertThat(out.stdoutText()).contains("CNI_COMMAND=ADD\n", "PATH=/usr/bin:/bin\n", "stdin:{\"a\":1}\n")
                .doesNotContain("HOME=", "JAVA_HOME=", "USER=");
        assertThat(out.stderr()).isEqualTo("to-stderr\n");
    }

    @Test
    void largeOutputsOnBothStreamsDoNotDeadlock() throws Exception {
        Path plugin = ScriptPlugins.write(dir, "chatty", """
                head -c 300000 /dev/zero | tr '\\0' e >&2
                head -c 300000 /dev/zero | tr '\\0' o
                cat >/dev/null
                """);

        PluginExecutor.Output out = executor.execute(new PluginExecutor.Invocation(plugin, Map.of("PATH", "/usr/bin:/bin"),
                new byte[300_000]));

        assertThat(out.exitCode()).isZero();
        assertThat(out.stdout()).hasSize(300_000);
        assertThat(out.stderr()).hasSize(300_000);
    }

    @Test
    void aHungPluginIsKilledAfterTheTimeout() throws Exception {
        Path plugin = ScriptPlugins.write(dir, "hang", "exec sleep 60\n");
        ProcessPluginExecutor quick = new ProcessPluginExecutor(Duration.ofMillis(300));

        assertThatThrownBy(() -> quick.execute(new PluginExecutor.Invocation(plugin, Map.of(), new byte[0])))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not finish within PT0.3S; killed");
    }

    @Test
    void aBinaryThatCannotRunIsAnIOException() throws Exception {
        Path notExecutable = dir.resolve("plain");
        Files.writeString(notExecutable, "x");

        assertThatThrownBy(() -> executor.execute(new PluginExecutor.Invocation(notExecutable, Map.of(), new byte[0])))
                .isInstanceOf(IOException.class);
    }

    @Test
    void throughCniAScriptPluginsErrorObjectBecomesThePluginException() throws Exception {
        Path log = dir.resolve("log");
        ScriptPlugins.failingAdd(dir, "refuser", log);
        Cni cni = new Cni(new PluginPath(List.of(dir)), executor);

        assertThatThrownBy(() -> cni.attach("c1", Path.of("/proc/1/fd/1"),
                List.of(Configs.network("n1", "1.0.0", "refuser"))))
                .isInstanceOf(PluginException.class)
                .hasMessage("CNI ADD network \"n1\" plugin \"refuser\" (eth0): skiff test plugin refuses: by design (code 100)")
                .satisfies(e -> assertThat(((PluginException) e).stderr()).isEqualTo("refusing on purpose\n"));
        assertThat(Files.readAllLines(log)).containsExactly("ADD eth0", "DEL eth0");
    }
}
