package dev.skiff.network;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one configuration file's text into a {@link Network}: a {@code .conflist} as a
 * list, a {@code .conf} (or {@code .json}) as a one-plugin list. Empty when the config
 * has no name (the caller logs the skip); every other defect is an error naming the file.
 */
final class NetworkConfigParser {
    private NetworkConfigParser() {}

    static Optional<Network> parseConflist(Path file, String text) throws CniConfigException {
        try {
            JsonObject list = Json.parseObject(text, "");
            Optional<String> name = list.optString("name");
            if (name.isEmpty()) {
                return Optional.empty();
            }
            SpecVersion version = version(list);
            if (!list.has("plugins")) {
                throw new JsonShapeException("plugins: missing (a single plugin config belongs in a .conf file)");
            }
            List<PluginConfig> plugins = new ArrayList<>();
            for (JsonObject plugin : list.objects("plugins")) {
                plugins.add(plugin(plugin));
            }
            if (plugins.isEmpty()) {
                throw new JsonShapeException("plugins: empty list");
            }
            return Optional.of(network(name.get(), version, list.optBoolean("disableCheck"), plugins, file));
        } catch (JsonShapeException e) {
            throw new CniConfigException(file, e.getMessage());
        }
    }

    static Optional<Network> parseConf(Path file, String text) throws CniConfigException {
        try {
            JsonObject conf = Json.parseObject(text, "");
            Optional<String> name = conf.optString("name");
            if (name.isEmpty()) {
                return Optional.empty();
            }
            SpecVersion version = version(conf);
            if (!conf.has("type") && conf.has("plugins")) {
                throw new JsonShapeException("type: missing (a list with \"plugins\" belongs in a .conflist file)");
            }
            return Optional.of(network(name.get(), version, false, List.of(plugin(conf)), file));
        } catch (JsonShapeException e) {
            throw new CniConfigException(file, e.getMessage());
        }
    }

    private static SpecVersion version(JsonObject o) throws JsonShapeException {
        String text = o.string("cniVersion");
        try {
            return SpecVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw new JsonShapeException("cniVersion: " + e.getMessage());
        }
    }

    private static PluginConfig plugin(JsonObject o) throws JsonShapeException {
        String type = o.string("type");
        try {
            return new PluginConfig(type, o.map());
        } catch (IllegalArgumentException e) {
            throw new JsonShapeException(o.field("type") + ": " + e.getMessage());
        }
    }

    private static Network network(String name, SpecVersion version, boolean disableCheck,
            List<PluginConfig> plugins, Path file) throws JsonShapeException {
        if (!Network.isValidName(name)) {
            throw new JsonShapeException("name: \"" + name
                    + "\" is not a valid network name (an alphanumeric, then alphanumerics, '_', '.' or '-')");
        }
        return new Network(name, version, disableCheck, plugins, Optional.of(file));
    }
}
