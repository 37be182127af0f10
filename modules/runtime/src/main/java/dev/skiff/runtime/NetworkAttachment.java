package dev.skiff.runtime;

import dev.skiff.network.Attachment;
import dev.skiff.network.IpPrefix;
import java.net.InetAddress;
import java.util.List;

/**
 * One CNI network a container was attached to, as the run reports it.
 *
 * @param network       the network's name
 * @param interfaceName the interface inside the container ({@code eth0}, {@code eth1}, ...)
 * @param addresses     its addresses with prefix lengths ({@code 10.88.0.5/16})
 * @param gateway       the gateway the result names, or null
 */
public record NetworkAttachment(String network, String interfaceName, List<String> addresses, String gateway) {
    public NetworkAttachment {
        addresses = List.copyOf(addresses);
    }

    static NetworkAttachment of(Attachment a) {
        return new NetworkAttachment(a.networkName(), a.interfaceName(),
                a.addresses().stream().map(IpPrefix::toString).toList(),
                a.gateway().map(InetAddress::getHostAddress).orElse(null));
    }
}
