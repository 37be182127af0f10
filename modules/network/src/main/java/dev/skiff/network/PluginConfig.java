package dev.skiff.network;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One plugin configuration object of a network list: its {@code type} (the binary's
 * name) and the object itself, kept as parsed so plugin-specific fields reach the
 * plugin unchanged.
 */
public record PluginConfig(String type, Map<String, Object> config) {
    public PluginConfig {
        Objects.requireNonNull(type, "type");
        if (type.isEmpty() || type.contains("/") || type.contains("\\")) {
            // The spec forbids path separators: type names a file on the plugin path, nothing else.
            throw new IllegalArgumentException("plugin type must be a file name: \"" + type + "\"");
        }
        // Not Map.copyOf: JSON allows null values, and the plugin should see the fields in file order.
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    /** The capabilities this plugin asked for ({@code "capabilities": {"portMappings": true}}). */
    public Set<String> capabilities() {
        Set<String> out = new TreeSet<>();
        if (config.get("capabilities") instanceof Map<?, ?> caps) {
            caps.forEach((k, v) -> {
                if (Boolean.TRUE.equals(v)) {
                    out.add(k.toString());
                }
            });
        }
        return out;
    }
}
