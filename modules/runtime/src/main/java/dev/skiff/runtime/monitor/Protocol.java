package dev.skiff.runtime.monitor;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.skiff.runtime.ExitStatus;
import dev.skiff.runtime.NetworkAttachment;
import dev.skiff.runtime.RunRequest;
import dev.skiff.runtime.SkiffException;
import dev.skiff.runtime.oci.OciRuntimeException;
import java.util.List;

/**
 * The messages between a library JVM and its monitor child, one JSON object per line
 * on the control socket (the monitor's descriptor 3). The library sends one
 * {@link Launch} first, then any {@link Command}s; the monitor answers with
 * {@link Event}s: {@code started}, then {@code exited} or {@code failed},
 * {@code done} for each command, and {@code log} lines at any time. The monitor's exit code is the container's
 * {@link ExitStatus#shellCode()}, or Skiff's failure code.
 */
public final class Protocol {
    private Protocol() {}

    /**
     * The run to do.
     *
     * @param stopGraceMillis between TERM and KILL, for {@code stop} and for a library that went away
     */
    public record Launch(RunRequest request, long stopGraceMillis) {}

    /** From the monitor. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Started.class, name = "started"),
        @JsonSubTypes.Type(value = Exited.class, name = "exited"),
        @JsonSubTypes.Type(value = Failed.class, name = "failed"),
        @JsonSubTypes.Type(value = Log.class, name = "log"),
        @JsonSubTypes.Type(value = Done.class, name = "done")
    })
    public sealed interface Event {}

    /**
     * The container runs; {@code pid} is its init as the host sees it, {@code networks} the
     * CNI networks it was attached to.
     */
    public record Started(int pid, List<NetworkAttachment> networks) implements Event {
        public Started {
            networks = networks == null ? List.of() : List.copyOf(networks);
        }
    }

    /** The container's process ended and the run was torn down. {@code signal} is 0 for an exit. */
    public record Exited(int code, int signal) implements Event {
        public static Exited of(ExitStatus status) {
            return switch (status) {
                case ExitStatus.Exited e -> new Exited(e.code(), 0);
                case ExitStatus.Signaled s -> new Exited(0, s.signal());
            };
        }

        public ExitStatus status() {
            return signal == 0 ? ExitStatus.exited(code) : ExitStatus.signaled(signal);
        }
    }

    /**
     * Skiff could not run the container (before start) or tear it down (after).
     *
     * @param runtime the failed runtime verb behind it, or null
     */
    public record Failed(String message, int exitCode, RuntimeFailure runtime) implements Event {
        public Failed(String message, int exitCode) {
            this(message, exitCode, null);
        }

        /** Carries a {@link SkiffException}, with the runtime's failure found among its causes. */
        public static Failed of(SkiffException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof OciRuntimeException r) {
                    return new Failed(e.getMessage(), e.exitCode(), new RuntimeFailure(r.argv(), r.exitCode(), r.output()));
                }
            }
            return new Failed(e.getMessage(), e.exitCode());
        }

        /** The exception again, on the library's side, with the runtime's failure as its cause. */
        public SkiffException toException() {
            return new SkiffException(message, exitCode,
                    runtime == null ? null : new OciRuntimeException(runtime.argv(), runtime.exitCode(), runtime.output()));
        }
    }

    /** What a failed runtime verb left: argv, exit code, what it printed. */
    public record RuntimeFailure(List<String> argv, int exitCode, String output) {}

    /** A line the monitor's JVM would have printed: its stdio is the container's. */
    public record Log(String message) implements Event {}

    /**
     * A command was carried out (the signal sent, the size set), so a library call
     * returns only once it has taken effect, as it does in-process.
     */
    public record Done() implements Event {}

    /** From the library; each is answered by {@link Done}, in order. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "command")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Signal.class, name = "signal"),
        @JsonSubTypes.Type(value = Stop.class, name = "stop"),
        @JsonSubTypes.Type(value = Resize.class, name = "resize")
    })
    public sealed interface Command {}

    /** Sends {@code signal} to the container's init. */
    public record Signal(int signal) implements Command {}

    /** TERM, then KILL after the launch's grace period. */
    public record Stop() implements Command {}

    /** Sets the terminal's window size. */
    public record Resize(int columns, int rows) implements Command {}
}
