package dev.skiff.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the container's /etc/hosts and /etc/resolv.conf are made from.
 *
 * @param hostname the container's hostname, or null when it has none of its own
 * @param hostHosts the host's /etc/hosts content
 * @param hostResolvConf the host's /etc/resolv.conf content (empty when it has none)
 * @param attachments the CNI attachments, for the CNI modes
 * @param resolvConfWithNone whether {@code --network none} still gets the host's resolv.conf
 */
public record EtcInputs(String hostname, String hostHosts, String hostResolvConf,
        List<Attachment> attachments, boolean resolvConfWithNone) {

    public EtcInputs {
        Objects.requireNonNull(hostHosts, "hostHosts");
        Objects.requireNonNull(hostResolvConf, "hostResolvConf");
        attachments = List.copyOf(attachments);
    }

    public static EtcInputs of(String hostname, String hostHosts, String hostResolvConf) {
        return new EtcInputs(hostname, hostHosts, hostResolvConf, List.of(), false);
    }

    /** With the host's /etc/hosts and /etc/resolv.conf read now (a missing file reads as empty). */
    public static EtcInputs readingHost(String hostname) throws IOException {
        return of(hostname, readOrEmpty(Path.of("/etc/hosts")), readOrEmpty(Path.of("/etc/resolv.conf")));
    }

    public EtcInputs withAttachments(List<Attachment> list) {
        return new EtcInputs(hostname, hostHosts, hostResolvConf, list, resolvConfWithNone);
    }

    public EtcInputs withResolvConfForNone(boolean wanted) {
        return new EtcInputs(hostname, hostHosts, hostResolvConf, attachments, wanted);
    }

    private static String readOrEmpty(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            return "";
        }
    }
}
