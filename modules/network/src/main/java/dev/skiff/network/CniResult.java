package dev.skiff.network;

import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A plugin's ADD result (spec versions 0.3.0 to 1.0.0), typed; {@link #raw()} keeps the
 * document as the plugin printed it, because the next plugin's {@code prevResult} and the
 * later DEL and CHECK must receive exactly that, fields Skiff does not model included.
 */
public record CniResult(SpecVersion cniVersion, List<Interface> interfaces, List<IpConfig> ips, List<Route> routes,
        Dns dns, Map<String, Object> raw) {

    public CniResult {
        Objects.requireNonNull(cniVersion, "cniVersion");
        interfaces = List.copyOf(interfaces);
        ips = List.copyOf(ips);
        routes = List.copyOf(routes);
        Objects.requireNonNull(dns, "dns");
        raw = Collections.unmodifiableMap(raw);
    }

    /** An interface a plugin created or configured; {@code sandbox} is set for those inside the netns. */
    public record Interface(String name, Optional<String> mac, Optional<String> sandbox) {}

    /** An address on an interface (by index into {@link #interfaces()}), with its gateway. */
    public record IpConfig(IpPrefix address, Optional<InetAddress> gateway, Optional<Integer> interfaceIndex) {}

    /** A route the plugin installed in the container: destination and optional next hop. */
    public record Route(IpPrefix dst, Optional<InetAddress> gw) {}

    /** The result's DNS section; all parts empty when the plugin gave none. */
    public record Dns(List<String> nameservers, Optional<String> domain, List<String> search, List<String> options) {
        public static final Dns EMPTY = new Dns(List.of(), Optional.empty(), List.of(), List.of());

        public Dns {
            nameservers = List.copyOf(nameservers);
            search = List.copyOf(search);
            options = List.copyOf(options);
        }

        public boolean isEmpty() {
            return nameservers.isEmpty() && domain.isEmpty() && search.isEmpty() && options.isEmpty();
        }
    }

    /** The addresses on the container-side interface named {@code ifname}. */
    public List<IpConfig> ipsOn(String ifname) {
        return ips.stream().filter(ip -> isOn(ip, ifname)).toList();
    }

    private boolean isOn(IpConfig ip, String ifname) {
        if (ip.interfaceIndex().isEmpty()) {
            // No index: the plugin did not say; an address without one belongs to the attachment.
            return true;
        }
        Interface iface = interfaces.get(ip.interfaceIndex().get());
        return iface.sandbox().isPresent() && iface.name().equals(ifname);
    }
}
