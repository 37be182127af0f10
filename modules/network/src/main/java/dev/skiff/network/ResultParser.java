package dev.skiff.network;

import dev.skiff.network.CniResult.Dns;
import dev.skiff.network.CniResult.Interface;
import dev.skiff.network.CniResult.IpConfig;
import dev.skiff.network.CniResult.Route;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a plugin's result into a {@link CniResult}. The 0.3.x, 0.4.0 and 1.x formats share
 * one shape; before 1.0.0 each IP also carries {@code "version": "4"|"6"}, which must
 * agree with the address. 0.1.0/0.2.0 results ({@code ip4}/{@code ip6}) are refused.
 */
final class ResultParser {
    private ResultParser() {}

    /** @param configVersion the list's version, used when the result omits its own */
    static CniResult parse(String text, SpecVersion configVersion) throws JsonShapeException {
        JsonObject doc = Json.parseObject(text, "");
        SpecVersion version = version(doc, configVersion);
        List<Interface> interfaces = interfaces(doc);
        List<IpConfig> ips = new ArrayList<>();
        for (JsonObject ip : doc.objects("ips")) {
            ips.add(ip(ip, version, interfaces.size()));
        }
        List<Route> routes = new ArrayList<>();
        for (JsonObject route : doc.objects("routes")) {
            routes.add(new Route(prefix(route, "dst"), optAddress(route, "gw")));
        }
        return new CniResult(version, interfaces, ips, routes, dns(doc), doc.map());
    }

    private static SpecVersion version(JsonObject doc, SpecVersion configVersion) throws JsonShapeException {
        Optional<String> text = doc.optString("cniVersion");
        SpecVersion version;
        try {
            version = text.isPresent() ? SpecVersion.parse(text.get()) : configVersion;
        } catch (IllegalArgumentException e) {
            throw new JsonShapeException("cniVersion: " + e.getMessage());
        }
        // 1.1 only added optional fields to 1.0's shape, so any 1.x reads as 1.0.
        if (version.compareTo(SpecVersion.V0_3_0) < 0 || version.major() > 1) {
            throw new JsonShapeException("cniVersion: result version " + version
                    + " is not supported (Skiff reads 0.3.0, 0.3.1, 0.4.0 and 1.0.0 results)");
        }
        return version;
    }

    private static List<Interface> interfaces(JsonObject doc) throws JsonShapeException {
        List<Interface> out = new ArrayList<>();
        for (JsonObject iface : doc.objects("interfaces")) {
            out.add(new Interface(iface.string("name"), nonEmpty(iface.optString("mac")),
                    nonEmpty(iface.optString("sandbox"))));
        }
        return out;
    }

    private static IpConfig ip(JsonObject ip, SpecVersion version, int interfaceCount) throws JsonShapeException {
        IpPrefix address = prefix(ip, "address");
        if (!version.atLeast(SpecVersion.V1_0_0)) {
            checkIpVersion(ip, address);
        }
        Optional<Integer> index = ip.optInt("interface");
        if (index.isPresent() && (index.get() < 0 || index.get() >= interfaceCount)) {
            throw new JsonShapeException(ip.field("interface") + ": index " + index.get()
                    + " does not name one of the " + interfaceCount + " interfaces");
        }
        return new IpConfig(address, optAddress(ip, "gateway"), index);
    }

    private static void checkIpVersion(JsonObject ip, IpPrefix address) throws JsonShapeException {
        String declared = ip.optString("version").orElseThrow(() -> new JsonShapeException(
                ip.field("version") + ": missing (required before CNI 1.0.0)"));
        String actual = address.address() instanceof Inet4Address ? "4" : "6";
        if (!declared.equals("4") && !declared.equals("6")) {
            throw new JsonShapeException(ip.field("version") + ": \"" + declared + "\" is neither \"4\" nor \"6\"");
        }
        if (!declared.equals(actual)) {
            throw new JsonShapeException(ip.field("version") + ": \"" + declared + "\" but the address is IPv" + actual);
        }
    }

    private static Dns dns(JsonObject doc) throws JsonShapeException {
        Optional<JsonObject> dns = doc.optObject("dns");
        if (dns.isEmpty()) {
            return Dns.EMPTY;
        }
        JsonObject d = dns.get();
        for (String server : d.strings("nameservers")) {
            address(d.field("nameservers"), server);
        }
        return new Dns(d.strings("nameservers"), nonEmpty(d.optString("domain")), d.strings("search"),
                d.strings("options"));
    }

    private static IpPrefix prefix(JsonObject o, String key) throws JsonShapeException {
        String text = o.string(key);
        try {
            return IpPrefix.parse(text);
        } catch (IllegalArgumentException e) {
            throw new JsonShapeException(o.field(key) + ": " + e.getMessage());
        }
    }

    private static Optional<InetAddress> optAddress(JsonObject o, String key) throws JsonShapeException {
        Optional<String> text = nonEmpty(o.optString(key));
        return text.isEmpty() ? Optional.empty() : Optional.of(address(o.field(key), text.get()));
    }

    private static InetAddress address(String field, String text) throws JsonShapeException {
        try {
            return IpLiteral.parse(text);
        } catch (IllegalArgumentException e) {
            throw new JsonShapeException(field + ": " + e.getMessage());
        }
    }

    private static Optional<String> nonEmpty(Optional<String> s) {
        return s.filter(v -> !v.isEmpty());
    }
}
