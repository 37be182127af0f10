package dev.skiff.network;

import dev.skiff.network.CniResult.Dns;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The container's /etc/resolv.conf: from CNI results' DNS sections, or from the host's file. */
final class ResolvConf {
    private static final System.Logger LOG = System.getLogger(ResolvConf.class.getName());

    private ResolvConf() {}

    /**
     * The merged DNS sections of the attachments, in attach order, when any names a
     * nameserver; else the host's file without loopback nameservers.
     */
    static String forCni(List<Attachment> attachments, String hostResolvConf) {
        Set<String> nameservers = new LinkedHashSet<>();
        Set<String> search = new LinkedHashSet<>();
        Set<String> options = new LinkedHashSet<>();
        Optional<String> domain = Optional.empty();
        for (Attachment attachment : attachments) {
            Dns dns = attachment.result().dns();
            nameservers.addAll(dns.nameservers());
            search.addAll(dns.search());
            options.addAll(dns.options());
            domain = domain.or(dns::domain);
        }
        if (nameservers.isEmpty()) {
            return withoutLoopbackNameservers(hostResolvConf);
        }
        return render(nameservers, domain, search, options);
    }

    private static String render(Set<String> nameservers, Optional<String> domain, Set<String> search,
            Set<String> options) {
        StringBuilder sb = new StringBuilder();
        // resolv.conf: "domain" and "search" exclude each other; search is the richer one.
        if (!search.isEmpty()) {
            sb.append("search ").append(String.join(" ", search)).append('\n');
        } else {
            domain.ifPresent(d -> sb.append("domain ").append(d).append('\n'));
        }
        nameservers.forEach(ns -> sb.append("nameserver ").append(ns).append('\n'));
        if (!options.isEmpty()) {
            sb.append("options ").append(String.join(" ", options)).append('\n');
        }
        return sb.toString();
    }

    /**
     * A loopback nameserver (systemd-resolved's 127.0.0.53, a local dnsmasq) is the host's
     * own loopback, which the container's namespace cannot reach: drop those lines.
     */
    static String withoutLoopbackNameservers(String hostResolvConf) {
        List<String> kept = new ArrayList<>();
        for (String line : hostResolvConf.lines().toList()) {
            String[] words = line.strip().split("\\s+");
            if (words.length >= 2 && words[0].equals("nameserver") && isLoopback(words[1])) {
                LOG.log(Level.DEBUG, "resolv.conf: host nameserver {0} is loopback, not usable in the container",
                        words[1]);
                continue;
            }
            kept.add(line);
        }
        return kept.isEmpty() ? "" : String.join("\n", kept) + "\n";
    }

    private static boolean isLoopback(String address) {
        try {
            return IpLiteral.parse(address).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
