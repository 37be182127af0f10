package dev.skiff.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Network values for unit tests, built in code. */
final class Configs {
    private Configs() {}

    static Network network(String name, String version, String... pluginTypes) {
        List<PluginConfig> plugins = new ArrayList<>();
        for (String type : pluginTypes) {
            plugins.add(new PluginConfig(type, Map.of("type", type)));
        }
        return Network.of(name, SpecVersion.parse(version), plugins);
    }
}
