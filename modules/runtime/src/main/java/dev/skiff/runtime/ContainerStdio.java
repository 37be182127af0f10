package dev.skiff.runtime;

import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Terminals;
import dev.skiff.mounts.HostOwner;
import dev.skiff.stdio.Copy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stdio of a non-terminal container: for each of its three streams, either the
 * caller's own descriptor handed straight to {@code runtime create} (which passes it on
 * to the container, as {@code runc run} does), or a pipe whose far end the monitor
 * relays to the caller's. See {@link StdioWire#of} for which.
 */
final class ContainerStdio implements ContainerIo {

    private final StdioWire stdin;
    private final StdioWire stdout;
    private final StdioWire stderr;

    private ContainerStdio(StdioWire stdin, StdioWire stdout, StdioWire stderr) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Wires each stream for {@code caller}'s ends; {@code containerRoot} is the host owner
     * of the container's root, who must own the pipes (see {@link StdioWire#pipe}).
     */
    static ContainerStdio wire(ContainerIo.Ends caller, HostOwner containerRoot) throws ErrnoException {
        Objects.requireNonNull(caller, "caller");
        StdioWire in = StdioWire.stdin(caller.stdin(), containerRoot);
        StdioWire out = null;
        try {
            out = StdioWire.stdout(caller.stdout(), containerRoot);
            StdioWire err = StdioWire.stderr(containerRoot);
            return new ContainerStdio(in, out, err);
        } catch (ErrnoException e) {
            in.closeQuietly(e);
            if (out != null) {
                out.closeQuietly(e);
            }
            throw e;
        }
    }

    @Override
    public Map<Integer, Integer> runtimeFds() {
        return Map.of(0, stdin.containerFd(), 1, stdout.containerFd(), 2, stderr.containerFd());
    }

    @Override
    public java.nio.file.Path consoleSocket() {
        return null;
    }

    /** The runtime has passed the container's ends on, and our copies would hide EOF. */
    @Override
    public void created() throws ErrnoException {
        stdin.created();
        stdout.created();
        stderr.created();
    }

    /** The relayed streams only; a stream handed straight through needs no copy. */
    @Override
    public List<Copy> copies(Ends caller) {
        List<Copy> copies = new ArrayList<>(3);
        stdin.copy("stdin", caller.stdin(), null, false).ifPresent(copies::add);
        stdout.copy("stdout", null, caller.stdout(), true).ifPresent(copies::add);
        stderr.copy("stderr", null, caller.stderr(), true).ifPresent(copies::add);
        return copies;
    }

    /** What the runtime printed on the relayed streams (stderr always is), for a failed create's error. */
    @Override
    public String drainOutput() {
        return stdout.drain() + stderr.drain();
    }

    @Override
    public void resize(Terminals.WindowSize size) {
        // no terminal
    }

    @Override
    public void close() throws ErrnoException {
        ErrnoException failure = null;
        for (StdioWire wire : List.of(stdin, stdout, stderr)) {
            try {
                wire.close();
            } catch (ErrnoException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
