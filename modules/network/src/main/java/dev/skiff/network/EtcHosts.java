package dev.skiff.network;

import java.util.List;

/**
 * The container's /etc/hosts for each network mode. Generated files start with the
 * localhost lines. {@code --add-host} entries are not added here: the bound hosts file
 * gets them from the mounts module's {@code ExtraHost}, the one parser of that flag.
 */
final class EtcHosts {
    static final String LOCALHOST = """
            127.0.0.1\tlocalhost localhost.localdomain localhost4 localhost4.localdomain4
            ::1\tlocalhost localhost.localdomain localhost6 localhost6.localdomain6
            """;

    private EtcHosts() {}

    /** Only loopback exists, so the hostname resolves to it. */
    static String forNone(String hostname) {
        StringBuilder sb = new StringBuilder(LOCALHOST);
        if (hasName(hostname)) {
            sb.append("127.0.0.1\t").append(hostname).append('\n');
            sb.append("::1\t").append(hostname).append('\n');
        }
        return sb.toString();
    }

    /** The host's file as it is, ending in a newline. */
    static String forHost(String hostHosts) {
        return hostHosts.isEmpty() || hostHosts.endsWith("\n") ? hostHosts : hostHosts + "\n";
    }

    /** The hostname resolves to the container's addresses on its CNI networks. */
    static String forCni(String hostname, List<Attachment> attachments) {
        StringBuilder sb = new StringBuilder(LOCALHOST);
        if (hasName(hostname)) {
            attachments.stream().flatMap(a -> a.addresses().stream())
                    .forEach(p -> sb.append(IpLiteral.format(p.address())).append('\t').append(hostname).append('\n'));
        }
        return sb.toString();
    }

    private static boolean hasName(String hostname) {
        return hostname != null && !hostname.isBlank();
    }
}
