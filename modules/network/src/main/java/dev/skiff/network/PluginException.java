package dev.skiff.network;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One plugin execution failed: not found, not runnable, exited non-zero (with its error
 * object when it printed one), or printed a malformed result. Names the command, the
 * network, the plugin and the interface, so a failure in the middle of a list says
 * which plugin it was.
 */
public final class PluginException extends CniException {
    private static final long serialVersionUID = 1L;

    private final CniCommand command;
    private final String network;
    private final String plugin;
    private final transient CniError error;
    private final Integer exitCode;
    private final String stderr;

    PluginException(PluginCall call, String problem, CniError error, Integer exitCode, String stderr,
            Throwable cause) {
        super(call.describe() + ": " + problem, cause);
        this.command = call.command();
        this.network = call.network().name();
        this.plugin = call.plugin().type();
        this.error = error;
        this.exitCode = exitCode;
        this.stderr = stderr == null ? "" : stderr;
    }

    public CniCommand command() {
        return command;
    }

    /** The network (list) name. */
    public String network() {
        return network;
    }

    /** The plugin's {@code type}: the binary's name. */
    public String plugin() {
        return plugin;
    }

    /** The error object the plugin printed, if it printed one. */
    public Optional<CniError> error() {
        return Optional.ofNullable(error);
    }

    /** The plugin's exit status; empty when it never ran or exited 0 with a bad result. */
    public OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    /** What the plugin wrote on stderr (its log), possibly empty. */
    public String stderr() {
        return stderr;
    }
}
