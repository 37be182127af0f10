package dev.skiff.runtime;

import dev.skiff.mounts.ExtraHost;
import dev.skiff.network.Attachment;
import dev.skiff.network.Attachments;
import dev.skiff.network.Cni;
import dev.skiff.network.CniException;
import dev.skiff.network.ConfigDir;
import dev.skiff.network.EtcFiles;
import dev.skiff.network.EtcInputs;
import dev.skiff.network.NetnsHandle;
import dev.skiff.network.Network;
import dev.skiff.network.NetworkMode;
import dev.skiff.network.PluginPath;
import dev.skiff.network.SpawnPluginExecutor;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The container's CNI networks, attached between create and start. The monitor holds a
 * descriptor on the container's network namespace so that DEL still works after the
 * container has exited.
 */
final class NetworkSetup {
    private static final System.Logger LOG = System.getLogger(NetworkSetup.class.getName());

    private NetworkSetup() {}

    /** The networks a mode asks for, loaded (and checked) before anything is created. */
    static List<Network> load(NetworkMode mode, NetworkOptions options) throws SkiffException {
        ConfigDir dir = options.cniConfigDir() == null ? ConfigDir.defaults() : new ConfigDir(options.cniConfigDir());
        try {
            return switch (mode) {
                case NetworkMode.Private p -> dir.loadAll();
                case NetworkMode.Named n -> dir.load(n.names());
                default -> List.of();
            };
        } catch (CniException e) {
            throw new SkiffException("network: " + e.getMessage(), e);
        }
    }

    static Cni cni(NetworkOptions options) {
        return options.cniPluginPath() == null ? Cni.withDefaults()
                : new Cni(PluginPath.parse(options.cniPluginPath()), new SpawnPluginExecutor());
    }

    /**
     * ADDs every network for the container whose init is {@code pid}; the teardown gets
     * the DELs (in reverse) and the namespace handle's close.
     */
    static Attachments attach(Cni cni, String id, int pid, List<Network> networks, Teardown teardown)
            throws IOException {
        NetnsHandle netns = NetnsHandle.ofPid(pid);
        teardown.push("close network namespace handle", netns::close);
        Attachments attachments;
        try {
            attachments = cni.attach(id, netns.path(), networks);
        } catch (CniException e) {
            throw new SkiffException("network: " + e.getMessage(), e);
        }
        teardown.push("detach networks", () -> cni.detach(attachments));
        for (Attachment a : attachments.list()) {
            LOG.log(Level.DEBUG, "{0}: {1}", id, a.describe());
        }
        return attachments;
    }

    /**
     * Rewrites the bound /etc/hosts and resolv.conf in place (the bind mounts hold their
     * inodes) now that the addresses and DNS of the attachments are known.
     */
    static void updateEtcFiles(List<Path> boundFiles, String hostname, List<Attachment> attachments,
            NetworkMode mode, List<ExtraHost> addHosts) throws IOException {
        EtcFiles etc = EtcFiles.forMode(mode, EtcInputs.readingHost(hostname).withAttachments(attachments));
        for (Path file : boundFiles) {
            String name = file.getFileName().toString();
            if (name.equals("hosts")) {
                StringBuilder hosts = new StringBuilder(etc.hosts());
                if (!hosts.isEmpty() && hosts.charAt(hosts.length() - 1) != '\n') {
                    hosts.append('\n');
                }
                addHosts.forEach(h -> hosts.append(h.hostsLine()));
                Files.writeString(file, hosts);
            } else if (name.equals("resolv.conf") && etc.resolvConf().isPresent()) {
                Files.writeString(file, etc.resolvConf().get());
            }
        }
    }
}
