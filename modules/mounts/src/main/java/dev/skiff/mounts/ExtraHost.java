package dev.skiff.mounts;

import java.net.InetAddress;

/**
 * One {@code --add-host NAME:IP} entry, appended to the container's /etc/hosts. The split
 * is at the first colon, so an IPv6 address needs no brackets ({@code db:fd00::1}), as in
 * buildah's validateExtraHost.
 */
public record ExtraHost(String name, String address) {

    public static ExtraHost parse(String entry) throws MountException {
        int colon = entry.indexOf(':');
        if (colon < 0) {
            throw invalid(entry, "missing `:` between name and address (NAME:IP)");
        }
        String name = entry.substring(0, colon);
        String address = entry.substring(colon + 1);
        if (name.isEmpty()) {
            throw invalid(entry, "empty host name");
        }
        if (!name.chars().allMatch(c -> c > ' ' && c != 0x7f && c != '#')) {
            // It becomes one field of a hosts line: blanks or '#' would change the line's meaning.
            throw invalid(entry, "host name `" + name + "` contains a blank, control character or `#`");
        }
        if (address.isEmpty()) {
            throw invalid(entry, "empty IP address");
        }
        if (address.equals("host-gateway")) {
            throw invalid(entry, "`host-gateway` is not supported yet: give the gateway's address");
        }
        if (!isIpAddress(address)) {
            throw invalid(entry, "`" + address + "` is not an IPv4 or IPv6 address");
        }
        return new ExtraHost(name, address);
    }

    /** The /etc/hosts line, as the seed writes it: address, a tab, the name. */
    public String hostsLine() {
        return address + "\t" + name + "\n";
    }

    private static MountException invalid(String entry, String problem) {
        return MountException.invalid("add-host", entry, problem);
    }

    /**
     * Go's net.ParseIP, which buildah uses: a dotted quad of decimals (no leading zeros, no
     * short forms such as {@code 10.1}), or an IPv6 literal without brackets or zone.
     * No name is ever looked up.
     */
    static boolean isIpAddress(String address) {
        if (address.indexOf(':') < 0) {
            return isDottedQuad(address);
        }
        if (address.startsWith("[") || address.indexOf('%') >= 0) {
            return false;
        }
        try {
            InetAddress.ofLiteral(address);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isDottedQuad(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!part.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
