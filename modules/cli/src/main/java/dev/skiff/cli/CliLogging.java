package dev.skiff.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The CLI's diagnostics: Skiff logs through {@code System.Logger}, which in this image is
 * backed by java.util.logging. The CLI shows warnings only, one line each on stderr,
 * and everything down to DEBUG with {@code --debug} or {@code SKIFF_DEBUG=1}.
 */
final class CliLogging {
    private CliLogging() {}

    static void configure(boolean debug) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Level level = debug ? Level.FINE : Level.WARNING;
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(level);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                return "skiff: " + r.getLevel().getName().toLowerCase(java.util.Locale.ROOT) + ": "
                        + formatMessage(r) + System.lineSeparator();
            }
        });
        root.addHandler(handler);
        root.setLevel(level);
        Logger.getLogger("dev.skiff").setLevel(level);
        if (!debug) {
            // Libraries say nothing unless something is wrong.
            root.setLevel(Level.WARNING);
        }
    }
}
