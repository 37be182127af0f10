/** The {@code skiff} command. */
module dev.skiff.cli {
    requires dev.skiff.runtime;
    requires jdk.unsupported;
    requires java.logging;

    exports dev.skiff.cli;
}
