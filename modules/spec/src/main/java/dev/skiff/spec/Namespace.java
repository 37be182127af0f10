package dev.skiff.spec;

/**
 * One entry of {@code linux.namespaces}.
 *
 * @param path an existing namespace to join ({@code /proc/PID/ns/net}); null to create a new one
 */
public record Namespace(NamespaceType type, String path) {

    /** A new namespace of this type. */
    public static Namespace of(NamespaceType type) {
        return new Namespace(type, null);
    }

    /** Joins the namespace at {@code path}. */
    public static Namespace join(NamespaceType type, String path) {
        return new Namespace(type, path);
    }
}
