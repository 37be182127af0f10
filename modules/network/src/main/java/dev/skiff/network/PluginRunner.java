package dev.skiff.network;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Executes one {@link PluginCall} and interprets how it ended: a result for ADD, nothing
 * for DEL and CHECK, or a {@link PluginException} carrying the plugin's error object.
 */
final class PluginRunner {
    private static final System.Logger LOG = System.getLogger(PluginRunner.class.getName());
    private static final int MAX_RAW_IN_MESSAGE = 2000;

    private final PluginPath pluginPath;
    private final PluginExecutor executor;

    PluginRunner(PluginPath pluginPath, PluginExecutor executor) {
        this.pluginPath = pluginPath;
        this.executor = executor;
    }

    /** Runs the call; returns the parsed result for ADD, empty otherwise. */
    Optional<CniResult> run(PluginCall call) throws PluginException {
        Path binary = pluginPath.find(call.plugin().type()).orElseThrow(() -> new PluginException(call,
                "plugin binary \"" + call.plugin().type() + "\" not found in " + pluginPath, null, null, null, null));
        long start = System.nanoTime();
        PluginExecutor.Output out = execute(call, binary);
        LOG.log(Level.DEBUG, () -> call.describe() + ": exit " + out.exitCode() + " after "
                + (System.nanoTime() - start) / 1_000_000 + " ms" + stderrForLog(out));
        if (out.exitCode() != 0) {
            throw failure(call, out);
        }
        return call.command() == CniCommand.ADD ? Optional.of(result(call, out)) : Optional.empty();
    }

    private PluginExecutor.Output execute(PluginCall call, Path binary) throws PluginException {
        try {
            return executor.execute(new PluginExecutor.Invocation(binary, call.environment(pluginPath), call.stdin()));
        } catch (IOException e) {
            throw new PluginException(call, "cannot run " + binary + ": " + e.getMessage(), null, null, null, e);
        }
    }

    private static PluginException failure(PluginCall call, PluginExecutor.Output out) {
        String stdout = out.stdoutText();
        Optional<CniError> error = CniError.parse(stdout);
        String problem = error.map(CniError::describe).orElseGet(() -> "exit status " + out.exitCode()
                + rawOutput(stdout.isBlank() ? out.stderr() : stdout));
        return new PluginException(call, problem, error.orElse(null), out.exitCode(), out.stderr(), null);
    }

    private static CniResult result(PluginCall call, PluginExecutor.Output out) throws PluginException {
        String stdout = out.stdoutText();
        if (stdout.isBlank()) {
            throw new PluginException(call, "exited 0 but printed no result", null, null, out.stderr(), null);
        }
        try {
            return ResultParser.parse(stdout, call.network().cniVersion());
        } catch (JsonShapeException e) {
            throw new PluginException(call, "malformed result: " + e.getMessage() + rawOutput(stdout), null, null,
                    out.stderr(), null);
        }
    }

    private static String rawOutput(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return "";
        }
        return " (output: " + (t.length() > MAX_RAW_IN_MESSAGE ? t.substring(0, MAX_RAW_IN_MESSAGE) + "..." : t) + ")";
    }

    private static String stderrForLog(PluginExecutor.Output out) {
        return out.stderr().isBlank() ? "" : "; stderr: " + out.stderr().strip();
    }
}
