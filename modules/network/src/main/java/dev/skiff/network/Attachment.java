package dev.skiff.network;

import dev.skiff.network.CniResult.IpConfig;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A container attached to one network: the network list, the container-side interface
 * ({@code eth0}, {@code eth1}, ...) and the final result of its ADD, which CHECK and DEL
 * receive back as prevResult.
 */
public record Attachment(Network network, String interfaceName, CniResult result) {
    public Attachment {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(result, "result");
    }

    public String networkName() {
        return network.name();
    }

    /** The container's addresses on this network, with prefix lengths. */
    public List<IpPrefix> addresses() {
        return result.ipsOn(interfaceName).stream().map(IpConfig::address).toList();
    }

    /** The first gateway the result names for this interface (the bridge's address, typically). */
    public Optional<InetAddress> gateway() {
        return result.ipsOn(interfaceName).stream().flatMap(ip -> ip.gateway().stream()).findFirst();
    }

    /** {@code podman eth0 10.88.0.5/16 gw 10.88.0.1}: one line for debug output. */
    public String describe() {
        String addrs = addresses().stream().map(IpPrefix::toString).collect(Collectors.joining(","));
        return networkName() + " " + interfaceName + " " + (addrs.isEmpty() ? "(no address)" : addrs)
                + gateway().map(g -> " gw " + IpLiteral.format(g)).orElse("");
    }
}
