package dev.skiff.network;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CNI lifecycle of one container's networks: ADD between the runtime's create and
 * start, CHECK on request, DEL at teardown. Network {@code i} of the list gets interface
 * {@code eth<i>}; within a network the plugins run in order for ADD and CHECK and in
 * reverse for DEL. Stateless: the state of an attachment is the {@link Attachments} value.
 */
public final class Cni {
    private static final System.Logger LOG = System.getLogger(Cni.class.getName());

    private final PluginRunner runner;

    public Cni(PluginPath pluginPath, PluginExecutor executor) {
        this.runner = new PluginRunner(pluginPath, executor);
    }

    /** The default plugin path, plugins run with posix_spawn ({@link SpawnPluginExecutor}). */
    public static Cni withDefaults() {
        return new Cni(PluginPath.defaults(), new SpawnPluginExecutor());
    }

    /** Attaches with no CNI_ARGS or capability arguments; see {@link #attach(RuntimeConfig, List)}. */
    public Attachments attach(String containerId, Path netns, List<Network> networks) throws PluginException {
        return attach(RuntimeConfig.of(containerId, netns), networks);
    }

    /**
     * Runs ADD for every network in order. When a plugin fails, everything already added
     * is deleted again (the failing network, then the earlier ones in reverse) before the
     * failure is thrown; DEL failures during that rollback are attached as suppressed.
     */
    public Attachments attach(RuntimeConfig runtime, List<Network> networks) throws PluginException {
        if (runtime.netns().isEmpty()) {
            throw new IllegalArgumentException("attach needs a network namespace path");
        }
        List<Attachment> done = new ArrayList<>();
        for (int i = 0; i < networks.size(); i++) {
            Network network = networks.get(i);
            String ifname = "eth" + i;
            try {
                done.add(addList(runtime, network, ifname));
            } catch (PluginException e) {
                rollback(runtime, network, ifname, done, e);
                throw e;
            }
        }
        return new Attachments(runtime, done);
    }

    private Attachment addList(RuntimeConfig runtime, Network network, String ifname) throws PluginException {
        CniResult result = null;
        for (PluginConfig plugin : network.plugins()) {
            Map<String, Object> prev = result == null ? null : result.raw();
            result = runner.run(new PluginCall(CniCommand.ADD, network, plugin, runtime, ifname, prev)).orElseThrow();
        }
        Attachment attachment = new Attachment(network, ifname, result);
        LOG.log(Level.DEBUG, () -> "CNI attached " + attachment.describe());
        return attachment;
    }

    /**
     * The spec's handling of a failed ADD: DEL for all plugins of that list in reverse,
     * even those never called (DEL must tolerate that), without prevResult since the
     * list produced none; then the networks attached before it.
     */
    private void rollback(RuntimeConfig runtime, Network failed, String ifname, List<Attachment> done,
            PluginException cause) {
        List<PluginException> failures = new ArrayList<>();
        deleteList(runtime, failed, ifname, null, failures);
        for (Attachment attachment : done.reversed()) {
            deleteList(runtime, attachment.network(), attachment.interfaceName(), attachment.result(), failures);
        }
        failures.forEach(cause::addSuppressed);
    }

    /**
     * Runs CHECK for every attachment, in attach order, stopping at the first failure.
     * Networks with {@code disableCheck} are skipped; a network older than 0.4.0 has no
     * CHECK and is an error.
     */
    public void check(Attachments attachments) throws CniException {
        for (Attachment attachment : attachments.list()) {
            Network network = attachment.network();
            if (network.disableCheck()) {
                LOG.log(Level.DEBUG, "CNI CHECK network \"{0}\": disableCheck is set, skipped", network.name());
                continue;
            }
            if (!network.cniVersion().hasCheck()) {
                throw new CniException("CNI CHECK network \"" + network.name() + "\": cniVersion "
                        + network.cniVersion() + " has no CHECK (it came with 0.4.0)");
            }
            for (PluginConfig plugin : network.plugins()) {
                runner.run(new PluginCall(CniCommand.CHECK, network, plugin, attachments.runtime(),
                        attachment.interfaceName(), attachment.result().raw()));
            }
        }
    }

    /**
     * Runs DEL for every attachment in reverse attach order, and for every plugin of each
     * in reverse. Goes on past failures and throws them together at the end.
     */
    public void detach(Attachments attachments) throws DetachException {
        List<PluginException> failures = new ArrayList<>();
        for (Attachment attachment : attachments.list().reversed()) {
            deleteList(attachments.runtime(), attachment.network(), attachment.interfaceName(), attachment.result(),
                    failures);
        }
        if (!failures.isEmpty()) {
            throw new DetachException(failures);
        }
    }

    /**
     * DEL for one list, plugins in reverse. Unlike the spec's "stop at the first error",
     * the remaining plugins still run: DEL is idempotent by the spec, and stopping would
     * leak what the earlier plugins hold (the veth, the IPAM lease) for good.
     */
    private void deleteList(RuntimeConfig runtime, Network network, String ifname, CniResult result,
            List<PluginException> failures) {
        // Before 0.4.0 DEL had no prevResult; from 0.4.0 it gets the ADD result when there is one.
        Map<String, Object> prev = result != null && network.cniVersion().deleteGetsPrevResult() ? result.raw() : null;
        for (PluginConfig plugin : network.plugins().reversed()) {
            try {
                runner.run(new PluginCall(CniCommand.DEL, network, plugin, runtime, ifname, prev));
            } catch (PluginException e) {
                LOG.log(Level.DEBUG, "{0}", e.getMessage());
                failures.add(e);
            }
        }
    }
}
