package dev.skiff.cli;

import dev.skiff.libc.Terminals;

/** The seed's default terminal policy: a terminal only when stdin, stdout and stderr all are. */
final class TerminalPolicy {
    private TerminalPolicy() {}

    static boolean allStdioAreTerminals() {
        return Terminals.isTerminal(0) && Terminals.isTerminal(1) && Terminals.isTerminal(2);
    }
}
