/** CNI configs and plugins, /etc/hosts and /etc/resolv.conf. */
module dev.skiff.network {
    requires transitive dev.skiff.libc;
    requires transitive dev.skiff.spec;

    exports dev.skiff.network;
}
