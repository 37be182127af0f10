package dev.skiff.network;

/** A CNI step failed; the message says which network, plugin or file, and why. */
public class CniException extends Exception {
    private static final long serialVersionUID = 1L;

    public CniException(String message) {
        super(message);
    }

    public CniException(String message, Throwable cause) {
        super(message, cause);
    }
}
