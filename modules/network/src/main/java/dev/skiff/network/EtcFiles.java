package dev.skiff.network;

import java.util.Optional;

/**
 * The contents of the container's /etc/hosts and /etc/resolv.conf for a network mode;
 * the mounts module writes them into the bundle and binds them. An empty resolvConf
 * means the container keeps its image's file.
 */
public record EtcFiles(String hosts, Optional<String> resolvConf) {

    /**
     * {@code none}: localhost and the hostname, resolv.conf only when asked;
     * {@code host}: the host's files; a joined namespace: the host's files too (Skiff does
     * not know its addresses); CNI: the hostname on the attachments' addresses, resolv.conf
     * from their DNS sections, else the host's without loopback nameservers.
     */
    public static EtcFiles forMode(NetworkMode mode, EtcInputs in) {
        return switch (mode) {
            case NetworkMode.None none -> new EtcFiles(EtcHosts.forNone(in.hostname()),
                    in.resolvConfWithNone() ? Optional.of(in.hostResolvConf()) : Optional.empty());
            case NetworkMode.Host host -> hostFiles(in);
            case NetworkMode.Join join -> hostFiles(in);
            case NetworkMode.Private p -> cniFiles(in);
            case NetworkMode.Named n -> cniFiles(in);
        };
    }

    private static EtcFiles hostFiles(EtcInputs in) {
        return new EtcFiles(EtcHosts.forHost(in.hostHosts()), Optional.of(in.hostResolvConf()));
    }

    private static EtcFiles cniFiles(EtcInputs in) {
        return new EtcFiles(EtcHosts.forCni(in.hostname(), in.attachments()),
                Optional.of(ResolvConf.forCni(in.attachments(), in.hostResolvConf())));
    }
}
