package dev.skiff.runtime.monitor;

import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import dev.skiff.stdio.PipeInputStream;
import dev.skiff.stdio.PipeOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One end of the control socket: JSON lines out, JSON lines in. Reads and writes wait
 * on the shared poller, so a virtual thread using it parks instead of pinning its
 * carrier. Sends may come from several threads; one thread receives.
 */
public final class ControlChannel implements AutoCloseable {
    private final PipeInputStream input;
    private final BufferedReader lines;
    private final PipeOutputStream output;
    private final ReentrantLock sending = new ReentrantLock();

    private ControlChannel(PipeInputStream input, PipeOutputStream output) {
        this.input = input;
        this.lines = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        this.output = output;
    }

    /** Takes ownership of {@code socket}; reading and writing each get a descriptor of their own. */
    public static ControlChannel over(OwnedFd socket) throws IOException {
        OwnedFd writer;
        try {
            writer = Fds.dup(socket.fd());
            Fds.setCloseOnExec(writer.fd(), true);
        } catch (ErrnoException e) {
            socket.closeQuietly(e::addSuppressed);
            throw e;
        }
        PipeInputStream input;
        try {
            input = new PipeInputStream(socket);
        } catch (IOException e) {
            writer.closeQuietly(e::addSuppressed);
            throw e;
        }
        try {
            return new ControlChannel(input, new PipeOutputStream(writer));
        } catch (IOException e) {
            input.close();
            throw e;
        }
    }

    /** Writes {@code message} as one line. */
    public void send(Object message) throws IOException {
        byte[] line = (ProtocolJson.write(message) + "\n").getBytes(StandardCharsets.UTF_8);
        sending.lock();
        try {
            output.write(line);
        } finally {
            sending.unlock();
        }
    }

    /** The next message, or null at end of stream (the other side has gone). */
    public <T> T receive(Class<T> type) throws IOException {
        String line = lines.readLine();
        return line == null ? null : ProtocolJson.read(line, type);
    }

    /** Closes both descriptors; a receive waiting concurrently fails. */
    @Override
    public void close() throws IOException {
        try {
            input.close();
        } finally {
            output.close();
        }
    }
}
