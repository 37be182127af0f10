package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CliLoggingTest {
    private final PrintStream realErr = System.err;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        System.setErr(realErr);
        CliLogging.configure(false);
    }

    private System.Logger logger(String name) {
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliLogging().getLogger(name, getClass().getModule());
    }

    @Test
    void warningsOnlyByDefault() {
        CliLogging.configure(false);
        System.Logger log = logger("dev.skiff.runtime.Monitor");
        log.log(System.Logger.Level.DEBUG, "hidden");
        log.log(System.Logger.Level.INFO, "hidden too");
        log.log(System.Logger.Level.WARNING, "cannot remove {0}: {1}", "/run/x", "EBUSY");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("skiff: warning: cannot remove /run/x: EBUSY"
                + System.lineSeparator());
    }

    @Test
    void debugShowsSkiffsOwnDetailButNotTheJdks() {
        CliLogging.configure(true);
        assertThat(logger("dev.skiff.stdio.Relay").isLoggable(System.Logger.Level.DEBUG)).isTrue();
        assertThat(logger("java.lang.Runtime").isLoggable(System.Logger.Level.DEBUG)).isFalse();
        assertThat(logger("java.lang.Runtime").isLoggable(System.Logger.Level.WARNING)).isTrue();
    }

    @Test
    void aThrowableComesWithItsTrace() {
        CliLogging.configure(false);
        logger("dev.skiff.x").log(System.Logger.Level.ERROR, "failed", new IllegalStateException("boom"));
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("skiff: error: failed" + System.lineSeparator()
                + "java.lang.IllegalStateException: boom");
    }
}
