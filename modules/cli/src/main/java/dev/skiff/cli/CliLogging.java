package dev.skiff.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * The CLI's diagnostics. Skiff logs through {@code System.Logger}; in the {@code skiff}
 * command this finder (a service the cli module provides) answers, so java.util.logging
 * is never started (it cost every run several milliseconds). Warnings only, one line
 * each on stderr; everything down to DEBUG with {@code --debug} or {@code SKIFF_DEBUG=1}.
 */
public final class CliLogging extends System.LoggerFinder {
    private static volatile System.Logger.Level threshold = System.Logger.Level.WARNING;

    static void configure(boolean debug) {
        threshold = debug ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING;
    }

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new Line(name);
    }

    /** One logger per name; they all print the same way. */
    private record Line(String name) implements System.Logger {
        @Override
        public String getName() {
            return name;
        }

        /** The JDK's own loggers (Runtime.exit logs a stack trace at DEBUG) speak only of problems. */
        @Override
        public boolean isLoggable(Level level) {
            Level least = name.startsWith("dev.skiff") ? threshold : Level.WARNING;
            return level != Level.OFF && level.getSeverity() >= least.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (isLoggable(level)) {
                print(level, msg, thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                print(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params),
                        null);
            }
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier) {
            if (isLoggable(level)) {
                print(level, msgSupplier.get(), null);
            }
        }

        private static void print(Level level, String message, Throwable thrown) {
            StringBuilder line = new StringBuilder("skiff: ").append(level.getName().toLowerCase(Locale.ROOT))
                    .append(": ").append(message);
            if (thrown != null) {
                StringWriter trace = new StringWriter();
                thrown.printStackTrace(new PrintWriter(trace));
                line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
            }
            PrintStream err = System.err;
            err.println(line);
        }
    }
}
