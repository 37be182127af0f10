package dev.skiff.network;

import java.nio.file.Path;

/** A network configuration file is unreadable or not a valid CNI configuration. */
public final class CniConfigException extends CniException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public CniConfigException(Path file, String problem) {
        super("CNI config " + file + ": " + problem);
        this.file = file;
    }

    public CniConfigException(Path file, String problem, Throwable cause) {
        super("CNI config " + file + ": " + problem, cause);
        this.file = file;
    }

    /** The file at fault, or the directory when the problem is a missing network. */
    public Path file() {
        return file;
    }
}
