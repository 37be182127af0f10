package dev.skiff.network;

/**
 * A JSON document is not what CNI says it is: malformed, or a field missing or of the
 * wrong kind. Low-level: it states the fact (with the field's path); the caller adds the
 * file or the plugin.
 */
final class JsonShapeException extends Exception {
    private static final long serialVersionUID = 1L;

    JsonShapeException(String message) {
        super(message);
    }
}
