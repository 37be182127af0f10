package dev.skiff.network;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code --network} asks for: no network but loopback, the host's, the default CNI
 * networks, an existing namespace to join, or the CNI networks named.
 */
public sealed interface NetworkMode {
    NetworkMode NONE = new None();
    NetworkMode HOST = new Host();
    NetworkMode PRIVATE = new Private();

    /** A private namespace with loopback only. */
    record None() implements NetworkMode {}

    /** The host's namespace. */
    record Host() implements NetworkMode {}

    /** A private namespace attached to the CNI networks of the config directory (the default). */
    record Private() implements NetworkMode {}

    /** An existing namespace ({@code ns:PATH}, or an absolute path): joined, not configured. */
    record Join(Path path) implements NetworkMode {
        public Join {
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException("network namespace path must be absolute: " + path);
            }
        }
    }

    /** A private namespace attached to exactly these CNI networks, in this order. */
    record Named(List<String> names) implements NetworkMode {
        public Named {
            names = List.copyOf(names);
            if (names.isEmpty()) {
                throw new IllegalArgumentException("no CNI network names");
            }
            for (String name : names) {
                if (!Network.isValidName(name)) {
                    throw new IllegalArgumentException("invalid CNI network name: \"" + name + "\"");
                }
            }
        }
    }

    /** Whether CNI plugins configure this mode's namespace. */
    default boolean usesCni() {
        return this instanceof Private || this instanceof Named;
    }

    /**
     * {@code none}, {@code host}, {@code private}, {@code ns:PATH}; an absolute path joins
     * that namespace, anything else is a comma list of CNI network names (as the seed reads it).
     */
    static NetworkMode parse(String text) {
        String t = text.strip();
        return switch (t) {
            case "none" -> NONE;
            case "host" -> HOST;
            case "private", "" -> PRIVATE;
            default -> {
                if (t.startsWith("ns:")) {
                    yield new Join(Path.of(t.substring(3)));
                }
                if (t.startsWith("/")) {
                    yield new Join(Path.of(t));
                }
                yield new Named(Arrays.stream(t.split(",", -1)).map(String::strip).toList());
            }
        };
    }
}
