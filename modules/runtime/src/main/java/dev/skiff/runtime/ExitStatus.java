package dev.skiff.runtime;

import dev.skiff.libc.WaitStatus;

/** How a container's process ended: it exited with a code, or a signal killed it. */
public sealed interface ExitStatus {

    record Exited(int code) implements ExitStatus {}

    record Signaled(int signal) implements ExitStatus {}

    static ExitStatus exited(int code) {
        return new Exited(code);
    }

    static ExitStatus signaled(int signal) {
        return new Signaled(signal);
    }

    static ExitStatus of(WaitStatus status) {
        return switch (status) {
            case WaitStatus.Exited e -> new Exited(e.code());
            case WaitStatus.Signaled s -> new Signaled(s.signal());
        };
    }

    /** The shell's convention, which the CLI exits with: the code, or 128 + the signal. */
    default int shellCode() {
        return switch (this) {
            case Exited e -> e.code();
            case Signaled s -> 128 + s.signal();
        };
    }
}
