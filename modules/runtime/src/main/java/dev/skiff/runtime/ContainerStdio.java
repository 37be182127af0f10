package dev.skiff.runtime;

import dev.skiff.libc.Dirs;
import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import dev.skiff.mounts.HostOwner;
import dev.skiff.stdio.Copy;
import dev.skiff.stdio.Sink;
import dev.skiff.stdio.Source;
import dev.skiff.libc.Terminals;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The three pipes between the monitor and a non-terminal container. The container's
 * ends are handed to {@code runtime create} as its descriptors 0, 1, 2 (which the
 * runtime passes on to the container) and closed here right after; the monitor's ends
 * are relayed to the caller's.
 */
final class ContainerStdio implements ContainerIo {

    private final OwnedFd stdinRead;
    private final OwnedFd stdinWrite;
    private final OwnedFd stdoutRead;
    private final OwnedFd stdoutWrite;
    private final OwnedFd stderrRead;
    private final OwnedFd stderrWrite;

    private ContainerStdio(OwnedFd[] in, OwnedFd[] out, OwnedFd[] err) {
        this.stdinRead = in[0];
        this.stdinWrite = in[1];
        this.stdoutRead = out[0];
        this.stdoutWrite = out[1];
        this.stderrRead = err[0];
        this.stderrWrite = err[1];
    }

    static ContainerStdio pipes() throws ErrnoException {
        return pipes(HostOwner.ROOT);
    }

    /**
     * Pipes owned by {@code containerRoot}, the host IDs of the container's root, as the seed
     * makes them: runc's init, as that root, then gives them to the container's user (its
     * {@code fixStdioPermissions}), so that a non-root process can reopen
     * {@code /dev/stdout}. Pipes stay root's when root is not mapped elsewhere; an
     * unprivileged caller's pipes are its own, which is its container's root.
     */
    static ContainerStdio pipes(HostOwner containerRoot) throws ErrnoException {
        OwnedFd[] in = Fds.pipe(Fds.O_CLOEXEC);
        OwnedFd[] out = null;
        OwnedFd[] err = null;
        try {
            out = Fds.pipe(Fds.O_CLOEXEC);
            err = Fds.pipe(Fds.O_CLOEXEC);
            ContainerStdio stdio = new ContainerStdio(in, out, err);
            if (!UserDirs.rootless() && !containerRoot.equals(HostOwner.ROOT)) {
                // A pipe is one inode: chowning the container's end chowns both.
                for (OwnedFd end : List.of(stdio.stdinRead, stdio.stdoutWrite, stdio.stderrWrite)) {
                    Dirs.fchown(end.fd(), containerRoot.uid(), containerRoot.gid());
                }
            }
            // Only the monitor's ends are non-blocking; the container gets ordinary pipes.
            Fds.setNonBlocking(stdio.stdinWrite, true);
            Fds.setNonBlocking(stdio.stdoutRead, true);
            Fds.setNonBlocking(stdio.stderrRead, true);
            return stdio;
        } catch (ErrnoException e) {
            for (OwnedFd[] pipe : new OwnedFd[][] {in, out, err}) {
                if (pipe != null) {
                    closeAll(e, pipe);
                }
            }
            throw e;
        }
    }

    private static void closeAll(ErrnoException failure, OwnedFd... fds) {
        for (OwnedFd fd : fds) {
            fd.closeQuietly(failure::addSuppressed);
        }
    }

    @Override
    public Map<Integer, Integer> runtimeFds() {
        return Map.of(0, stdinRead.fd(), 1, stdoutWrite.fd(), 2, stderrWrite.fd());
    }

    @Override
    public Path consoleSocket() {
        return null;
    }

    /** The runtime has passed the container's ends on, and our copies would hide EOF. */
    @Override
    public void created() throws ErrnoException {
        stdinRead.close();
        stdoutWrite.close();
        stderrWrite.close();
    }

    @Override
    public List<Copy> copies(Ends caller) {
        return List.of(
                new Copy("stdin", caller.stdin(), Sink.owned(stdinWrite), false),
                new Copy("stdout", Source.owned(stdoutRead), caller.stdout(), true),
                new Copy("stderr", Source.owned(stderrRead), caller.stderr(), true));
    }

    @Override
    public String drainOutput() {
        return Drain.available(stdoutRead) + Drain.available(stderrRead);
    }

    @Override
    public void resize(Terminals.WindowSize size) {
        // no terminal
    }

    @Override
    public void close() throws ErrnoException {
        ErrnoException failure = null;
        for (OwnedFd fd : List.of(stdinRead, stdinWrite, stdoutRead, stdoutWrite, stderrRead, stderrWrite)) {
            try {
                fd.close();
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
