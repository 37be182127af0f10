package dev.skiff.runtime;

import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import dev.skiff.libc.Terminals;
import dev.skiff.stdio.Copy;
import dev.skiff.stdio.Sink;
import dev.skiff.stdio.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How the container's stdio is wired: through three pipes ({@link ContainerStdio}), or
 * through a pseudo-terminal the runtime makes and hands over a console socket
 * ({@link ContainerTerminal}).
 */
sealed interface ContainerIo extends AutoCloseable permits ContainerStdio, ContainerTerminal {

    /** The caller's side of the relay. */
    record Ends(Source stdin, Sink stdout, Sink stderr) {
        /** The calling process's own descriptors 0, 1, 2, borrowed; /dev/null for a closed stdin. */
        static Ends inherit() throws ErrnoException {
            return new Ends(isOpen(0) ? Source.borrowed(0) : Source.owned(devNull()),
                    Sink.borrowed(1), Sink.borrowed(2));
        }

        private static boolean isOpen(int fd) {
            try {
                Fds.statusFlags(fd);
                return true;
            } catch (ErrnoException e) {
                return false;
            }
        }

        private static OwnedFd devNull() throws ErrnoException {
            return Fds.open("/dev/null", Fds.O_RDONLY | Fds.O_CLOEXEC, 0);
        }
    }

    /** Descriptors 0, 1, 2 for {@code runtime create}. */
    Map<Integer, Integer> runtimeFds();

    /** The console socket to give the runtime, or null. */
    Path consoleSocket();

    /** After a successful create: drop the container's ends, take the pty master. */
    void created() throws IOException;

    /** After a failed create: what the runtime or the container printed, for the error. */
    String drainOutput();

    /** The relay's copies; the monitor's ends move into the relay's ownership. */
    List<Copy> copies(Ends caller) throws IOException;

    /** Sets the terminal's window size; a no-op for pipes. */
    void resize(Terminals.WindowSize size) throws IOException;

    @Override
    void close() throws IOException;
}
