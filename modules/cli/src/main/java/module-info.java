/** The {@code skiff} command. */
module dev.skiff.cli {
    requires dev.skiff.runtime;
    requires jdk.unsupported;

    exports dev.skiff.cli;

    // System.Logger answers through the CLI's own finder: java.util.logging never starts.
    provides java.lang.System.LoggerFinder with dev.skiff.cli.CliLogging;
}
