package dev.skiff.network;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An address with its prefix length as CNI writes it ({@code 10.88.0.5/16}): an
 * interface address, or a route's destination.
 */
public record IpPrefix(InetAddress address, int prefixLength) {
    public IpPrefix {
        Objects.requireNonNull(address, "address");
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0.." + max);
        }
    }

    /** Parses {@code addr/len}; never resolves names. */
    public static IpPrefix parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not an address with a prefix length");
        }
        InetAddress address = IpLiteral.parse(text.substring(0, slash));
        String len = text.substring(slash + 1);
        if (!len.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("\"" + text + "\" has no valid prefix length");
        }
        return new IpPrefix(address, Integer.parseInt(len));
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    @Override
    public String toString() {
        return IpLiteral.format(address) + "/" + prefixLength;
    }
}
