package dev.skiff.libc;

import dev.skiff.libc.gen.Clib;
import dev.skiff.libc.gen.termios;
import dev.skiff.libc.gen.winsize;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** Terminal calls: isatty, window size, and raw mode with its saved state. */
public final class Terminals {
    private Terminals() {}

    /**
     * Linked on first use: every run asks {@link #isTerminal}, few use a terminal, and
     * each downcall handle costs the CLI's start-up a few milliseconds.
     */
    private static final class Calls {
        static final MethodHandle TCGETATTR =
                Native.capturing(Clib.tcgetattr$address(), Clib.tcgetattr$descriptor());
        static final MethodHandle TCSETATTR =
                Native.capturing(Clib.tcsetattr$address(), Clib.tcsetattr$descriptor());
        static final MethodHandle IOCTL = Native.capturingVariadic(Clib.ioctl.address(),
                Clib.ioctl.makeInvoker(Clib.C_POINTER).descriptor(), 2);
    }

    /** A window size in character cells. */
    public record WindowSize(int columns, int rows) {}

    /** isatty(3); its errno (ENOTTY, EBADF) only says why not, so it is not captured. */
    public static boolean isTerminal(int fd) {
        return Clib.isatty(fd) == 1;
    }

    public static WindowSize windowSize(int fd) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ws = arena.allocate(winsize.layout());
            long request = Clib.TIOCGWINSZ();
            Native.call("ioctl(TIOCGWINSZ)", fd, s -> (int) Calls.IOCTL.invokeExact(s, fd, request, ws));
            return new WindowSize(winsize.ws_col(ws) & 0xffff, winsize.ws_row(ws) & 0xffff);
        }
    }

    public static void setWindowSize(int fd, WindowSize size) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ws = arena.allocate(winsize.layout());
            winsize.ws_col(ws, (short) size.columns());
            winsize.ws_row(ws, (short) size.rows());
            long request = Clib.TIOCSWINSZ();
            Native.call("ioctl(TIOCSWINSZ)", fd, s -> (int) Calls.IOCTL.invokeExact(s, fd, request, ws));
        }
    }

    /** A terminal's saved attributes; {@link #close()} puts them back. */
    public static final class SavedMode implements AutoCloseable {
        private final int fd;
        private final byte[] saved;
        private boolean restored;

        private SavedMode(int fd, byte[] saved) {
            this.fd = fd;
            this.saved = saved;
        }

        @Override
        public synchronized void close() throws ErrnoException {
            if (restored) {
                return;
            }
            restored = true;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment t = arena.allocate(termios.layout());
                t.copyFrom(MemorySegment.ofArray(saved));
                Native.call("tcsetattr", fd, s -> (int) Calls.TCSETATTR.invokeExact(s, fd, Clib.TCSADRAIN(), t));
            }
        }
    }

    /** Puts the terminal on {@code fd} in raw mode; the returned value restores it. */
    public static SavedMode makeRaw(int fd) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = arena.allocate(termios.layout());
            Native.call("tcgetattr", fd, s -> (int) Calls.TCGETATTR.invokeExact(s, fd, t));
            SavedMode saved = new SavedMode(fd, t.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
            Clib.cfmakeraw(t);
            Native.call("tcsetattr", fd, s -> (int) Calls.TCSETATTR.invokeExact(s, fd, Clib.TCSANOW(), t));
            return saved;
        }
    }
}
