package dev.skiff.runtime.oci;

import dev.skiff.libc.Errno;
import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.WaitStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A client for one OCI runtime binary (runc, crun): the global flags are held once,
 * each verb builds its own argv from its options, and a failing verb raises
 * {@link OciRuntimeException} with the argv, exit status and the runtime's output.
 */
public final class OciRuntime {

    /** Flags given before the verb: {@code --root}, {@code --log}, and anything extra. */
    public record Global(Path binary, Path root, List<String> extraFlags) {
        public Global {
            extraFlags = List.copyOf(extraFlags);
        }

        List<String> argv() {
            List<String> argv = new ArrayList<>();
            argv.add(binary.toString());
            if (root != null) {
                argv.add("--root");
                argv.add(root.toString());
            }
            argv.addAll(extraFlags);
            return argv;
        }
    }

    /**
     * {@code create}: the container's stdio are the runtime's own descriptors 0, 1, 2,
     * which it hands to the container (ignored when a console socket is given).
     */
    public record CreateOptions(String id, Path bundle, Path pidFile, Path consoleSocket, Path log,
            Map<Integer, Integer> stdio) {
        List<String> argv() {
            List<String> argv = new ArrayList<>(List.of("create", "--bundle", bundle.toString(),
                    "--pid-file", pidFile.toString()));
            if (consoleSocket != null) {
                argv.add("--console-socket");
                argv.add(consoleSocket.toString());
            }
            argv.add(id);
            return argv;
        }
    }

    private final Global global;

    public OciRuntime(Global global) {
        this.global = global;
    }

    public Global global() {
        return global;
    }

    /**
     * Runs {@code create} and returns the container's pid from the pid file. On failure
     * the exception carries the error messages from the runtime's log.
     */
    public int create(CreateOptions options) throws IOException {
        List<String> argv = new ArrayList<>(global.argv());
        argv.addAll(List.of("--log", options.log().toString(), "--log-format", "json"));
        argv.addAll(options.argv());
        WaitStatus status;
        try {
            status = VerbRunner.runWith(argv, options.stdio());
        } catch (ErrnoException e) {
            throw new IOException("runtime `" + global.binary() + "`: cannot run: " + e.errnoName()
                    + " (" + Errno.description(e.errno()) + ")", e);
        }
        if (!(status instanceof WaitStatus.Exited e && e.code() == 0)) {
            throw new OciRuntimeException(argv, status.shellCode(), RuntimeLog.errors(options.log()));
        }
        return Integer.parseInt(Files.readString(options.pidFile()).strip());
    }

    public void start(String id) throws IOException {
        run(List.of("start", id));
    }

    /** Sends {@code signal} (a name such as KILL or a number) to the container's init, or to all its processes. */
    public void kill(String id, String signal, boolean all) throws IOException {
        run(all ? List.of("kill", "--all", id, signal) : List.of("kill", id, signal));
    }

    public void delete(String id, boolean force) throws IOException {
        run(force ? List.of("delete", "--force", id) : List.of("delete", id));
    }

    /**
     * {@code delete --force}, where a container that does not exist (a failed create that
     * left nothing, a second cleanup) is not an error.
     */
    public void deleteIfExists(String id) throws IOException {
        try {
            delete(id, true);
        } catch (OciRuntimeException e) {
            if (!e.output().contains("does not exist") && !e.output().contains("not exist")) {
                throw e;
            }
        }
    }

    /** {@code state} as the runtime prints it (JSON). */
    public String state(String id) throws IOException {
        return run(List.of("state", id));
    }

    private String run(List<String> verbArgv) throws IOException {
        List<String> argv = new ArrayList<>(global.argv());
        argv.addAll(verbArgv);
        VerbRunner.Outcome outcome = VerbRunner.run(argv);
        if (!outcome.succeeded()) {
            throw new OciRuntimeException(argv, outcome.status().shellCode(), outcome.output());
        }
        return outcome.output();
    }
}
