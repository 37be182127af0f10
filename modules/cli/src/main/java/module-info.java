/** The {@code skiff} command. */
module dev.skiff.cli {
    requires dev.skiff.runtime;
    requires jdk.unsupported;

    exports dev.skiff.cli;
}
