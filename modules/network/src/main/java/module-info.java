/**
 * CNI configs and plugins, /etc/hosts and /etc/resolv.conf: the CNI protocol itself
 * (config scanning, plugin execution, results and error objects, attach/check/detach),
 * the network namespace handle the monitor holds, and the files each network mode gets.
 */
module dev.skiff.network {
    requires transitive dev.skiff.libc;
    requires transitive dev.skiff.spec;
    requires com.fasterxml.jackson.jr.ob;

    exports dev.skiff.network;
}
