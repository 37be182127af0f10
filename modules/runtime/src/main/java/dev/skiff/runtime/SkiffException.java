package dev.skiff.runtime;

import java.io.IOException;

/**
 * Skiff could not run the container. {@link #exitCode()} is what the CLI exits with:
 * 125 for Skiff's own failures, 126 when the command cannot be executed, 127 when it
 * is not found (the conventions of docker, podman and buildah).
 */
public class SkiffException extends IOException {
    private static final long serialVersionUID = 1L;

    public static final int FAILED = 125;
    public static final int CANNOT_EXECUTE = 126;
    public static final int NOT_FOUND = 127;

    private final int exitCode;

    public SkiffException(String message, Throwable cause) {
        this(message, FAILED, cause);
    }

    public SkiffException(String message) {
        this(message, FAILED, null);
    }

    public SkiffException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
