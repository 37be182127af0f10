package dev.skiff.network;

import java.net.InetAddress;
import java.util.Objects;

/** One {@code --add-host host:ip} line for the container's /etc/hosts. */
public record HostEntry(String hostname, InetAddress address) {
    public HostEntry {
        Objects.requireNonNull(address, "address");
        if (hostname == null || hostname.isEmpty() || hostname.chars().anyMatch(c -> Character.isWhitespace(c) || c == '#')) {
            throw new IllegalArgumentException("invalid host name for /etc/hosts: \"" + hostname + "\"");
        }
    }

    /** {@code name:ip}; the address may be IPv6 ({@code name:fd00::1}), so split at the first colon. */
    public static HostEntry parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("invalid --add-host \"" + spec + "\": expected host:ip");
        }
        try {
            return new HostEntry(spec.substring(0, colon), IpLiteral.parse(spec.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid --add-host \"" + spec + "\": " + e.getMessage(), e);
        }
    }

    /** The /etc/hosts line. */
    public String line() {
        return IpLiteral.format(address) + "\t" + hostname;
    }
}
