package dev.skiff.runtime;

import java.nio.file.Path;

/**
 * Where a run finds its CNI configuration and plugins. The network mode itself is a
 * namespace option of the spec ({@code --network}).
 *
 * @param cniConfigDir  the directory of .conf/.conflist files; null: /etc/cni/net.d
 * @param cniPluginPath a {@code :} list of plugin directories; null: the usual ones
 */
public record NetworkOptions(Path cniConfigDir, String cniPluginPath) {
    public static final NetworkOptions DEFAULT = new NetworkOptions(null, null);
}
