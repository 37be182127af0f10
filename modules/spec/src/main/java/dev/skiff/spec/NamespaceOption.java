package dev.skiff.spec;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How one kind of namespace is set up for a run, as buildah's {@code NamespaceOption}: the
 * host's ({@code host}), an existing one ({@code path}), or a new one (neither).
 *
 * <p>For {@link NamespaceType#NETWORK} only, a {@code path} that is not absolute is not a path
 * but a comma-separated list of CNI network names: the container gets a new network namespace
 * and is attached to those networks (buildah's convention, kept so options read the same).
 */
public record NamespaceOption(NamespaceType type, boolean host, String path) {
    private static final Pattern CNI_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");

    private static final String NS_PREFIX = "ns:";

    public NamespaceOption {
        if (type == null) {
            throw new IllegalArgumentException("namespace type is required");
        }
        if (path != null && path.isEmpty()) {
            path = null;
        }
        String subject = type + " namespace";
        if (host && path != null) {
            throw new SpecException(subject, path, "cannot both be the host's and be joined by path");
        }
        if (path != null && !path.startsWith("/")) {
            if (type != NamespaceType.NETWORK) {
                throw new SpecException(subject, path, "a namespace path must be absolute");
            }
            checkCniNames(path);
        }
    }

    /** The host's namespace: the container shares it. */
    public static NamespaceOption host(NamespaceType type) {
        return new NamespaceOption(type, true, null);
    }

    /** A new namespace (buildah's {@code private}). */
    public static NamespaceOption create(NamespaceType type) {
        return new NamespaceOption(type, false, null);
    }

    /** The existing namespace at {@code path} ({@code /proc/PID/ns/net}, a bind-mounted file). */
    public static NamespaceOption join(NamespaceType type, String path) {
        if (path == null || !path.startsWith("/")) {
            throw new SpecException(type + " namespace", String.valueOf(path), "a namespace path must be absolute");
        }
        return new NamespaceOption(type, false, path);
    }

    /** A new network namespace attached to these CNI networks. */
    public static NamespaceOption cniNetworks(List<String> names) {
        return new NamespaceOption(NamespaceType.NETWORK, false, String.join(",", names));
    }

    /**
     * A flag's value, as buildah reads {@code --pid}, {@code --ipc}, {@code --uts},
     * {@code --network}: {@code host}; {@code private} (also {@code container} or empty);
     * {@code ns:PATH} or an absolute path; and for the network only, a comma list of CNI
     * network names. {@code none} is a network policy, not a namespace: see
     * {@link SpecOptions.Builder#network(String)}.
     */
    public static NamespaceOption parse(NamespaceType type, String value) {
        String subject = type + " namespace";
        return switch (value) {
            case "host" -> host(type);
            case "", "private", "container" -> create(type);
            case "none" -> throw new SpecException(subject, value,
                    type == NamespaceType.NETWORK ? "`none` disables the network; it is not a namespace"
                            : "expected host, private, ns:PATH or an absolute path");
            default -> parsePath(type, value);
        };
    }

    /** The CNI networks this option attaches to; empty unless it is such a network option. */
    public List<String> cniNetworkNames() {
        if (type != NamespaceType.NETWORK || path == null || path.startsWith("/")) {
            return List.of();
        }
        return List.of(path.split(","));
    }

    /** Joins an existing namespace (an absolute path), rather than creating one or sharing the host's. */
    public boolean joins() {
        return path != null && path.startsWith("/");
    }

    private static NamespaceOption parsePath(NamespaceType type, String value) {
        String path = value.startsWith(NS_PREFIX) ? value.substring(NS_PREFIX.length()) : value;
        if (path.startsWith("/")) {
            return join(type, path);
        }
        if (type == NamespaceType.NETWORK && !value.startsWith(NS_PREFIX)) {
            return new NamespaceOption(type, false, value);
        }
        throw new SpecException(type + " namespace", value,
                type == NamespaceType.NETWORK ? "expected host, private, none, ns:PATH or CNI network names"
                        : "expected host, private, ns:PATH or an absolute path");
    }

    private static void checkCniNames(String list) {
        Arrays.stream(list.split(",", -1))
                .filter(name -> !CNI_NAME.matcher(name).matches())
                .findFirst()
                .ifPresent(name -> {
                    throw new SpecException("network", list, name.isEmpty() ? "empty CNI network name"
                            : "`" + name + "` is not a CNI network name (letters, digits, _ . -)");
                });
    }
}
