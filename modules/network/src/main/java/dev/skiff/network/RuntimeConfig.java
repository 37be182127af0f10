package dev.skiff.network;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The runtime side of an attachment, the same for every plugin of every network of one
 * container: its id, the network namespace path, {@code CNI_ARGS} pairs, and the
 * capability arguments ({@code portMappings}, ...) passed as {@code runtimeConfig} to the
 * plugins that ask for them.
 *
 * @param netns a path to the namespace that stays valid until detach (see {@link NetnsHandle});
 *     empty only for a DEL after the namespace is gone, which the spec allows
 */
public record RuntimeConfig(String containerId, Optional<Path> netns, Map<String, String> cniArgs,
        Map<String, Object> capabilityArgs) {

    // libcni's rule for container ids; they become part of file names in IPAM stores.
    private static final Pattern CONTAINER_ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");

    public RuntimeConfig {
        if (containerId == null || !CONTAINER_ID.matcher(containerId).matches()) {
            throw new IllegalArgumentException("invalid container id for CNI: \"" + containerId + "\"");
        }
        Objects.requireNonNull(netns, "netns");
        cniArgs.forEach(RuntimeConfig::checkArg);
        cniArgs = Collections.unmodifiableMap(new LinkedHashMap<>(cniArgs));
        capabilityArgs = Collections.unmodifiableMap(new LinkedHashMap<>(capabilityArgs));
    }

    public static RuntimeConfig of(String containerId, Path netns) {
        return new RuntimeConfig(containerId, Optional.of(netns), Map.of(), Map.of());
    }

    public RuntimeConfig withCniArgs(Map<String, String> args) {
        return new RuntimeConfig(containerId, netns, args, capabilityArgs);
    }

    public RuntimeConfig withCapabilityArgs(Map<String, Object> args) {
        return new RuntimeConfig(containerId, netns, cniArgs, args);
    }

    /** The same container once its namespace is gone: DEL then runs with an empty CNI_NETNS. */
    public RuntimeConfig withoutNetns() {
        return new RuntimeConfig(containerId, Optional.empty(), cniArgs, capabilityArgs);
    }

    /** {@code K1=V1;K2=V2}, the form of CNI_ARGS. */
    String cniArgsEnv() {
        return cniArgs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }

    private static void checkArg(String key, String value) {
        if (key.isEmpty() || (key + value).contains(";") || key.contains("=")) {
            throw new IllegalArgumentException("CNI_ARGS pair cannot be encoded: " + key + "=" + value);
        }
    }
}
