package dev.skiff.network;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One execution of one plugin: the command, where it sits (network, plugin, interface),
 * and the prevResult it gets. Derives the plugin's stdin and environment as the spec's
 * "deriving execution configuration" section says.
 *
 * @param prevResult the previous plugin's result (ADD) or the attachment's result (CHECK, DEL), or null
 */
record PluginCall(CniCommand command, Network network, PluginConfig plugin, RuntimeConfig runtime, String ifname,
        Map<String, Object> prevResult) {

    // Plugins that shell out (iptables for ipMasq, portmap, firewall) find their tools
    // here; the monitor's own PATH is not theirs to inherit.
    static final String CLEAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    PluginCall {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(ifname, "ifname");
    }

    /** {@code CNI ADD network "podman" plugin "bridge" (eth0)}: the prefix of every message about it. */
    String describe() {
        return "CNI " + command + " network \"" + network.name() + "\" plugin \"" + plugin.type() + "\" (" + ifname + ")";
    }

    /**
     * The plugin's config with the list's name and cniVersion (so every plugin of a list
     * speaks one version), the runtimeConfig for the capabilities it asked for, and prevResult.
     */
    byte[] stdin() {
        Map<String, Object> config = new LinkedHashMap<>(plugin.config());
        config.put("name", network.name());
        config.put("cniVersion", network.cniVersion().toString());
        Map<String, Object> runtimeConfig = runtimeConfig();
        if (!runtimeConfig.isEmpty()) {
            config.put("runtimeConfig", runtimeConfig);
        }
        if (prevResult != null) {
            config.put("prevResult", prevResult);
        } else {
            // A prevResult written into a config file must not pass for a real one.
            config.remove("prevResult");
        }
        return Json.write(config).getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, Object> runtimeConfig() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String capability : plugin.capabilities()) {
            Object value = runtime.capabilityArgs().get(capability);
            if (value != null) {
                out.put(capability, value);
            }
        }
        return out;
    }

    /** The whole environment of the plugin: the CNI_* variables and a fixed PATH, nothing inherited. */
    Map<String, String> environment(PluginPath pluginPath) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", command.name());
        env.put("CNI_CONTAINERID", runtime.containerId());
        env.put("CNI_NETNS", runtime.netns().map(Object::toString).orElse(""));
        env.put("CNI_IFNAME", ifname);
        env.put("CNI_ARGS", runtime.cniArgsEnv());
        env.put("CNI_PATH", pluginPath.toString());
        env.put("PATH", CLEAN_PATH);
        return env;
    }
}
