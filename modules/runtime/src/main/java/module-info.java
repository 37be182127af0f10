/** The public run API, the OCI runtime driver and the monitor that owns a container. */
module dev.skiff.runtime {
    requires transitive dev.skiff.libc;
    requires transitive dev.skiff.spec;
    requires transitive dev.skiff.mounts;
    requires transitive dev.skiff.network;
    requires transitive dev.skiff.stdio;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.jr.ob;
    // The monitor protocol: RunRequest and everything in it, generically, as JSON lines.
    requires com.fasterxml.jackson.databind;
    // sun.misc.Signal: the monitor child stops its container on INT, TERM and HUP.
    requires jdk.unsupported;

    exports dev.skiff.runtime;
    // The command's main runs the monitor child in an image (see MonitorCommandLine).
    exports dev.skiff.runtime.monitor to dev.skiff.cli;
    opens dev.skiff.runtime to com.fasterxml.jackson.databind;
    opens dev.skiff.runtime.monitor to com.fasterxml.jackson.databind;
}
