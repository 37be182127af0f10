package dev.skiff.runtime.oci;

import java.io.IOException;
import java.util.List;

/** A runtime verb failed: carries the argv, the exit status and what the runtime said. */
public final class OciRuntimeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final List<String> argv;
    private final int exitCode;
    private final String output;

    public OciRuntimeException(List<String> argv, int exitCode, String output) {
        super(String.join(" ", argv) + ": exit status " + exitCode
                + (output.isBlank() ? "" : ": " + output.strip()));
        this.argv = List.copyOf(argv);
        this.exitCode = exitCode;
        this.output = output;
    }

    public List<String> argv() {
        return argv;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The runtime's stderr and stdout (for create: its log's error messages). */
    public String output() {
        return output;
    }
}
