package dev.skiff.cli;

import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Terminals;
import dev.skiff.runtime.Monitor;
import java.lang.System.Logger.Level;
import sun.misc.Signal;

/**
 * The caller's terminal while a container has a pseudo-terminal: put in raw mode so
 * every key reaches the container, restored on every exit path (normal return,
 * exception, and signals through a shutdown hook), and SIGWINCH forwarded as resizes.
 */
final class TerminalSession implements AutoCloseable, Monitor.Observer {
    private static final System.Logger LOG = System.getLogger(TerminalSession.class.getName());

    private final Terminals.SavedMode saved;
    private final Thread restoreHook;

    private TerminalSession(Terminals.SavedMode saved) {
        this.saved = saved;
        this.restoreHook = saved == null ? null : new Thread(this::restore, "skiff-terminal-restore");
        if (restoreHook != null) {
            Runtime.getRuntime().addShutdownHook(restoreHook);
        }
    }

    /** Raw mode on stdin when it is a terminal; otherwise nothing to restore. */
    static TerminalSession begin() throws ErrnoException {
        return new TerminalSession(Terminals.isTerminal(0) ? Terminals.makeRaw(0) : null);
    }

    /** The caller's window size, from whichever of stdout and stdin is a terminal. */
    static Terminals.WindowSize callerSize() {
        for (int fd : new int[] {1, 0, 2}) {
            if (Terminals.isTerminal(fd)) {
                try {
                    return Terminals.windowSize(fd);
                } catch (ErrnoException e) {
                    LOG.log(Level.DEBUG, "window size of fd {0}: {1}", fd, e.getMessage());
                }
            }
        }
        return null;
    }

    @Override
    public void started(Monitor.ContainerControl control) {
        Signal.handle(new Signal("WINCH"), signal -> {
            Terminals.WindowSize size = callerSize();
            if (size != null) {
                try {
                    control.resize(size);
                } catch (java.io.IOException e) {
                    LOG.log(Level.DEBUG, "resize: {0}", e.getMessage());
                }
            }
        });
    }

    private void restore() {
        try {
            saved.close();
        } catch (ErrnoException e) {
            System.err.println("skiff: restore terminal: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (saved == null) {
            return;
        }
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(restoreHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }
}
