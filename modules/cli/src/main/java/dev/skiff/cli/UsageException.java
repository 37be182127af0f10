package dev.skiff.cli;

/** The command line itself is wrong: a missing value, an unknown flag, a bad value. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
