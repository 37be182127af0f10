/** Pipes, the console socket and pty, and the relay engine that moves a container's stdio. */
module dev.skiff.stdio {
    requires transitive dev.skiff.libc;

    exports dev.skiff.stdio;
}
