/** The {@code skiff} command. */
module dev.skiff.cli {
    requires dev.skiff.runtime;

    exports dev.skiff.cli;
}
