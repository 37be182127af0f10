package dev.skiff.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The posix_spawn executor against real (script) processes: env, stdin, stdout, stderr, exit. */
class SpawnPluginExecutorTest {
    @TempDir
    Path dir;

    private final SpawnPluginExecutor executor = new SpawnPluginExecutor(Duration.ofSeconds(20));

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
    void aHungPluginIsKilledAfterTheTimeoutAndReaped() throws Exception {
        Path pidFile = dir.resolve("pid");
        Path plugin = ScriptPlugins.write(dir, "hang", "echo $$ > " + pidFile + "\nexec sleep 60\n");
        SpawnPluginExecutor quick = new SpawnPluginExecutor(Duration.ofMillis(300));

        assertThatThrownBy(() -> quick.execute(new PluginExecutor.Invocation(plugin, Map.of(), new byte[0])))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not finish within PT0.3S; killed");
        assertThat(Path.of("/proc", Files.readString(pidFile).strip())).as("the killed plugin, reaped").doesNotExist();
    }

    @Test
    void anInterruptedCallerKillsThePlugin() throws Exception {
        Path pidFile = dir.resolve("pid");
        Path plugin = ScriptPlugins.write(dir, "hang", "echo $$ > " + pidFile + "\nexec sleep 60\n");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                executor.execute(new PluginExecutor.Invocation(plugin, Map.of(), new byte[0]));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
            Thread.sleep(10);
        }
        caller.interrupt();
        caller.join(10_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class).hasMessageContaining("killed");
        assertThat(Path.of("/proc", Files.readString(pidFile).strip())).as("the killed plugin, reaped").doesNotExist();
    }

    @Test
    void aPluginThatDoesNotReadItsStdinStillReportsItsResult() throws Exception {
        Path plugin = ScriptPlugins.write(dir, "deaf", "echo '{}'\nexit 0\n");

        PluginExecutor.Output out = executor.execute(new PluginExecutor.Invocation(plugin, Map.of(),
                new byte[1 << 20]));

        assertThat(out.exitCode()).isZero();
        assertThat(out.stdoutText()).isEqualTo("{}\n");
        assertThat(out.stderr()).contains("writing the config to the plugin's stdin failed");
    }

    @Test
    void aSignalDeathIs128PlusTheSignal() throws Exception {
        Path plugin = ScriptPlugins.write(dir, "suicide", "kill -9 $$\n");

        assertThat(executor.execute(new PluginExecutor.Invocation(plugin, Map.of(), new byte[0])).exitCode())
                .isEqualTo(137);
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
