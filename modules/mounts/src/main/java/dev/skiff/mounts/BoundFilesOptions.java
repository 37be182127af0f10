package dev.skiff.mounts;

import java.util.List;

/**
 * What the container's /etc/hosts, /etc/resolv.conf and /etc/hostname hold. Content left
 * null is copied from the host's file; the network module supplies content per network
 * mode (and applies --dns options to resolv.conf).
 *
 * @param hosts        /etc/hosts before the extra hosts, or null for the host's
 * @param resolvConf   /etc/resolv.conf, or null for the host's
 * @param hostname     the container's host name, written to /etc/hostname; null writes none
 * @param extraHosts   {@code --add-host} entries, appended to /etc/hosts in order
 * @param noHosts      {@code --no-hosts}: the image's /etc/hosts is left alone
 * @param noResolvConf the image's /etc/resolv.conf is left alone (e.g. no network, or {@code --dns=none})
 */
public record BoundFilesOptions(String hosts, String resolvConf, String hostname, List<ExtraHost> extraHosts,
        boolean noHosts, boolean noResolvConf) {

    /** The host's hosts and resolv.conf, no /etc/hostname, no extra hosts. */
    public static final BoundFilesOptions DEFAULT = new BoundFilesOptions(null, null, null, List.of(), false, false);

    public BoundFilesOptions {
        extraHosts = List.copyOf(extraHosts);
    }

    public BoundFilesOptions withHosts(String hosts) {
        return new BoundFilesOptions(hosts, resolvConf, hostname, extraHosts, noHosts, noResolvConf);
    }

    public BoundFilesOptions withResolvConf(String resolvConf) {
        return new BoundFilesOptions(hosts, resolvConf, hostname, extraHosts, noHosts, noResolvConf);
    }

    public BoundFilesOptions withHostname(String hostname) {
        return new BoundFilesOptions(hosts, resolvConf, hostname, extraHosts, noHosts, noResolvConf);
    }

    public BoundFilesOptions withExtraHosts(List<ExtraHost> extraHosts) {
        return new BoundFilesOptions(hosts, resolvConf, hostname, extraHosts, noHosts, noResolvConf);
    }

    public BoundFilesOptions withNoHosts(boolean noHosts) {
        return new BoundFilesOptions(hosts, resolvConf, hostname, extraHosts, noHosts, noResolvConf);
    }

    public BoundFilesOptions withNoResolvConf(boolean noResolvConf) {
        return new BoundFilesOptions(hosts, resolvConf, hostname, extraHosts, noHosts, noResolvConf);
    }

    /** --add-host with --no-hosts has nowhere to go: refused, as podman does. */
    void check() throws MountException {
        if (noHosts && !extraHosts.isEmpty()) {
            ExtraHost first = extraHosts.getFirst();
            throw MountException.invalid("add-host", first.name() + ":" + first.address(), "conflicts with --no-hosts");
        }
        if (hostname != null && (hostname.isEmpty() || hostname.chars().anyMatch(c -> c <= ' ' || c == 0x7f))) {
            throw MountException.invalid("hostname", hostname, "empty, or contains a blank or control character");
        }
    }
}
