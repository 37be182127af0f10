package dev.skiff.network;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A CNI network configuration list: its name and version, whether CHECK is disabled, and
 * the plugins in execution order. A single {@code .conf} becomes a one-plugin list.
 *
 * @param source the file it was read from, when it came from a file (for messages)
 */
public record Network(String name, SpecVersion cniVersion, boolean disableCheck, List<PluginConfig> plugins,
        Optional<Path> source) {

    // The spec: an alphanumeric first, then alphanumerics, '_', '.' or '-'.
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");

    public Network {
        Objects.requireNonNull(cniVersion, "cniVersion");
        Objects.requireNonNull(source, "source");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid CNI network name: \"" + name + "\"");
        }
        plugins = List.copyOf(plugins);
        if (plugins.isEmpty()) {
            throw new IllegalArgumentException("network \"" + name + "\" has no plugins");
        }
    }

    /** A list built in code rather than read from a file. */
    public static Network of(String name, SpecVersion cniVersion, List<PluginConfig> plugins) {
        return new Network(name, cniVersion, false, plugins, Optional.empty());
    }

    static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    @Override
    public String toString() {
        return "Network[" + name + " " + cniVersion + " "
                + plugins.stream().map(PluginConfig::type).toList()
                + source.map(p -> " from " + p).orElse("") + "]";
    }
}
