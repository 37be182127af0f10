package dev.skiff.network;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.regex.Pattern;

/** IP address literals, parsed without ever touching DNS (InetAddress.getByName would). */
final class IpLiteral {
    private IpLiteral() {}

    // Strict dotted quad: InetAddress.ofLiteral also takes BSD's "10.1" and "010.0.0.1",
    // which Go's net.ParseIP (and so every plugin) rejects.
    private static final Pattern DOTTED_QUAD = Pattern.compile("(?:(?:0|[1-9]\\d{0,2})\\.){3}(?:0|[1-9]\\d{0,2})");

    static InetAddress parse(String text) {
        try {
            if (text.indexOf(':') < 0 && !DOTTED_QUAD.matcher(text).matches()) {
                throw new IllegalArgumentException();
            }
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address");
        }
    }

    /** The usual text form: dotted IPv4, or IPv6 with its longest zero run as "::" (RFC 5952). */
    static String format(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int[] run = longestZeroRun(groups);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == run[0]) {
                sb.append("::");
                i += run[1] - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    /** {start, length} of the first longest run of at least two zero groups; start -1 if none. */
    private static int[] longestZeroRun(int[] groups) {
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        return new int[] {bestStart, bestLen};
    }
}
