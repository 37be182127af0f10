package dev.skiff.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs one plugin binary to completion: the only place a CNI process is spawned. An
 * interface so the monitor, which is a child subreaper and reaps its own children, can
 * supply a spawner that cooperates with its reaping; tests supply a recording fake.
 */
public interface PluginExecutor {

    /** Runs {@code invocation.binary()} with exactly the given environment and stdin. */
    Output execute(Invocation invocation) throws IOException;

    /** What to run: the binary, its whole environment, the network config on stdin. */
    record Invocation(Path binary, Map<String, String> environment, byte[] stdin) {
        public Invocation {
            environment = Map.copyOf(environment);
            stdin = stdin.clone();
        }

        @Override
        public byte[] stdin() {
            return stdin.clone();
        }

        /** The stdin as text (it is always JSON). */
        public String stdinText() {
            return new String(stdin, StandardCharsets.UTF_8);
        }
    }

    /** How it ended: the exit status (128+N for a signal N), stdout, and stderr as text. */
    record Output(int exitCode, byte[] stdout, String stderr) {
        public Output {
            stdout = stdout.clone();
        }

        @Override
        public byte[] stdout() {
            return stdout.clone();
        }

        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }
}
