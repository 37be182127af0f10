package dev.skiff.runtime;

import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import dev.skiff.libc.Sockets;
import dev.skiff.libc.Terminals;
import dev.skiff.stdio.Copy;
import dev.skiff.stdio.Sink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A container on a pseudo-terminal. The runtime makes the pty inside the container and
 * sends its master over the console socket (SCM_RIGHTS) during create; the monitor
 * takes it before start, sets its window size, and relays it to the caller. The
 * runtime's own stdio gets /dev/null and a pipe, kept for create's error messages.
 */
final class ContainerTerminal implements ContainerIo {
    private static final int ACCEPT_TIMEOUT_MILLIS = 10_000;

    private final Path socketPath;
    private final OwnedFd listener;
    private final OwnedFd devNull;
    private final OwnedFd[] runtimeOutput;
    private final Terminals.WindowSize initialSize;
    private OwnedFd master;

    private ContainerTerminal(Path socketPath, OwnedFd listener, OwnedFd devNull, OwnedFd[] runtimeOutput,
            Terminals.WindowSize initialSize) {
        this.socketPath = socketPath;
        this.listener = listener;
        this.devNull = devNull;
        this.runtimeOutput = runtimeOutput;
        this.initialSize = initialSize;
    }

    /** Listens on {@code socketPath} (in the private bundle) for the runtime's pty master. */
    static ContainerTerminal listen(Path socketPath, Terminals.WindowSize initialSize) throws IOException {
        OwnedFd listener = Sockets.listenUnix(socketPath.toString(), Sockets.SOCK_CLOEXEC | Sockets.SOCK_NONBLOCK);
        OwnedFd devNull = null;
        try {
            devNull = Fds.open("/dev/null", Fds.O_RDONLY | Fds.O_CLOEXEC, 0);
            OwnedFd[] output = Fds.pipe(Fds.O_CLOEXEC);
            Fds.setNonBlocking(output[0], true);
            return new ContainerTerminal(socketPath, listener, devNull, output, initialSize);
        } catch (IOException e) {
            listener.closeQuietly(e::addSuppressed);
            if (devNull != null) {
                devNull.closeQuietly(e::addSuppressed);
            }
            throw e;
        }
    }

    @Override
    public Map<Integer, Integer> runtimeFds() {
        int out = runtimeOutput[1].fd();
        return Map.of(0, devNull.fd(), 1, out, 2, out);
    }

    @Override
    public Path consoleSocket() {
        return socketPath;
    }

    /** Create has returned, so the runtime has connected and sent the master: take it. */
    @Override
    public void created() throws IOException {
        runtimeOutput[1].close();
        devNull.close();
        if (Fds.poll(listener.fd(), Fds.POLLIN, ACCEPT_TIMEOUT_MILLIS) == 0) {
            throw new IOException("console socket " + socketPath + ": the runtime sent no terminal");
        }
        try (OwnedFd connection = Sockets.accept(listener, Sockets.SOCK_CLOEXEC)) {
            if (connection == null) {
                throw new IOException("console socket " + socketPath + ": no connection to accept");
            }
            Sockets.ReceivedFd received = Sockets.receiveFd(connection, 4096);
            if (received == null) {
                throw new IOException("console socket " + socketPath + ": closed without a terminal");
            }
            master = received.fd();
        } finally {
            listener.close();
        }
        if (!Terminals.isTerminal(master.fd())) {
            throw new IOException("console socket " + socketPath + ": the descriptor received is not a terminal");
        }
        if (initialSize != null) {
            Terminals.setWindowSize(master.fd(), initialSize);
        }
    }

    @Override
    public String drainOutput() {
        return Drain.available(runtimeOutput[0]);
    }

    /** stdin goes to a dup of the master: each descriptor in the relay has one owner. */
    @Override
    public List<Copy> copies(Ends caller) throws ErrnoException {
        OwnedFd input = Fds.dup(master.fd());
        Fds.setCloseOnExec(input.fd(), true);
        return List.of(
                new Copy("stdin", caller.stdin(), Sink.owned(input), false),
                new Copy("terminal", dev.skiff.stdio.Source.owned(master), caller.stdout(), true));
    }

    @Override
    public void resize(Terminals.WindowSize size) throws IOException {
        OwnedFd m = master;
        if (m != null && m.isOpen()) {
            Terminals.setWindowSize(m.fd(), size);
        }
    }

    @Override
    public void close() throws IOException {
        OwnedFd.closeAll(listener, devNull, runtimeOutput[0], runtimeOutput[1], master);
    }
}
