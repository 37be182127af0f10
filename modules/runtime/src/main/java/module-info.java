/** The public run API, the OCI runtime driver and the monitor that owns a container. */
module dev.skiff.runtime {
    requires transitive dev.skiff.libc;
    requires transitive dev.skiff.spec;
    requires transitive dev.skiff.mounts;
    requires transitive dev.skiff.network;
    requires transitive dev.skiff.stdio;
    requires com.fasterxml.jackson.jr.ob;

    exports dev.skiff.runtime;
}
