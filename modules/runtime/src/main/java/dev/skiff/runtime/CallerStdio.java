package dev.skiff.runtime;

import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import dev.skiff.stdio.PipeInputStream;
import dev.skiff.stdio.PipeOutputStream;
import dev.skiff.stdio.Sink;
import dev.skiff.stdio.Source;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * The caller's side of a container's stdio, opened from the redirects: the descriptors
 * or streams the container's stdio are relayed to ({@link #ends()}), and for PIPE the
 * streams the caller reads and writes. Every descriptor here is one Skiff opened and
 * keeps: the ends only borrow them, so the in-process relay never closes them (nor
 * changes their flags) and a monitor child gets duplicates; {@link #closeContainerSide()}
 * closes them once the monitor has them or is done with them.
 */
final class CallerStdio implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CallerStdio.class.getName());
    private static final int FILE_MODE = 0666;

    private final List<OwnedFd> containerSide = new ArrayList<>();
    private final List<Closeable> callerStreams = new ArrayList<>();
    private Source stdin;
    private Sink stdout;
    private Sink stderr;
    private OutputStream stdinPipe = closedOutput();
    private InputStream stdoutPipe = InputStream.nullInputStream();
    private InputStream stderrPipe = InputStream.nullInputStream();

    private CallerStdio() {}

    /**
     * @param mergeError stderr goes where stdout goes ({@code redirectErrorStream})
     * @param terminal   a pseudo-terminal carries stdout and stderr together: stderr is unused
     */
    static CallerStdio open(StdioTarget in, StdioTarget out, StdioTarget err, boolean mergeError, boolean terminal)
            throws SkiffException {
        CallerStdio stdio = new CallerStdio();
        try {
            stdio.stdin = stdio.input(in);
            stdio.stdout = stdio.output(out, 1);
            if (terminal) {
                stdio.stderr = stdio.output(StdioTarget.DISCARD, 2);
            } else if (mergeError) {
                stdio.mergeErrorIntoOutput();
            } else {
                stdio.stderr = stdio.output(err, 2);
            }
            return stdio;
        } catch (IOException e) {
            stdio.close();
            throw new SkiffException("stdio: " + e.getMessage(), e);
        }
    }

    /** Two copies then write to one sink: a caller's stream is locked so their chunks do not mix. */
    private void mergeErrorIntoOutput() {
        if (stdout instanceof Sink.Stream(OutputStream out)) {
            stdout = Sink.of(new LockedOutputStream(out));
        }
        stderr = stdout;
    }

    private Source input(StdioTarget target) throws IOException {
        return switch (target) {
            case StdioTarget.FromStream(InputStream in) -> Source.of(in);
            case StdioTarget.ToStream t -> throw new IllegalArgumentException("stdin cannot be an output stream");
            case StdioTarget.Redirected(Redirect r) -> switch (r.type()) {
                case PIPE -> {
                    OwnedFd[] pipe = Fds.pipe(Fds.O_CLOEXEC);
                    int read = keep(pipe[0]);
                    stdinPipe = keep(new PipeOutputStream(pipe[1]));
                    yield Source.borrowed(read);
                }
                case INHERIT -> Source.borrowed(isOpen(0) ? 0 : keep(open("/dev/null", Fds.O_RDONLY)));
                case READ -> Source.borrowed(keep(open(r.file().getPath(), Fds.O_RDONLY)));
                case WRITE, APPEND -> throw new IllegalArgumentException("stdin cannot be " + r);
            };
        };
    }

    private Sink output(StdioTarget target, int fd) throws IOException {
        return switch (target) {
            case StdioTarget.ToStream(OutputStream out) -> Sink.of(out);
            case StdioTarget.FromStream f -> throw new IllegalArgumentException("an output cannot be an input stream");
            case StdioTarget.Redirected(Redirect r) -> switch (r.type()) {
                case PIPE -> {
                    OwnedFd[] pipe = Fds.pipe(Fds.O_CLOEXEC);
                    int write = keep(pipe[1]);
                    InputStream stream = keep(new PipeInputStream(pipe[0]));
                    if (fd == 1) {
                        stdoutPipe = stream;
                    } else {
                        stderrPipe = stream;
                    }
                    yield Sink.borrowed(write);
                }
                case INHERIT -> Sink.borrowed(isOpen(fd) ? fd : keep(open("/dev/null", Fds.O_WRONLY)));
                case WRITE -> Sink.borrowed(keep(open(r.file().getPath(), Fds.O_WRONLY | Fds.O_CREAT | Fds.O_TRUNC)));
                case APPEND -> Sink.borrowed(keep(open(r.file().getPath(), Fds.O_WRONLY | Fds.O_CREAT | Fds.O_APPEND)));
                case READ -> throw new IllegalArgumentException("an output cannot be " + r);
            };
        };
    }

    private static OwnedFd open(String path, int flags) throws IOException {
        try {
            return Fds.open(path, flags | Fds.O_CLOEXEC, FILE_MODE);
        } catch (ErrnoException e) {
            throw new IOException("open `" + path + "`: " + e.getMessage(), e);
        }
    }

    private static boolean isOpen(int fd) {
        try {
            Fds.statusFlags(fd);
            return true;
        } catch (ErrnoException e) {
            return false;
        }
    }

    private int keep(OwnedFd fd) {
        containerSide.add(fd);
        return fd.fd();
    }

    private <T extends Closeable> T keep(T stream) {
        callerStreams.add(stream);
        return stream;
    }

    /** A JDK-like stdin for a container whose stdin is not a pipe: writing to it fails. */
    private static OutputStream closedOutput() {
        OutputStream out = OutputStream.nullOutputStream();
        try {
            out.close();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    /** The ends the relay (in this JVM) or a monitor child (as its 0, 1, 2) connects the container to. */
    ContainerIo.Ends ends() {
        return new ContainerIo.Ends(stdin, stdout, stderr);
    }

    OutputStream stdinPipe() {
        return stdinPipe;
    }

    InputStream stdoutPipe() {
        return stdoutPipe;
    }

    InputStream stderrPipe() {
        return stderrPipe;
    }

    /** The monitor has its own copies, or is done: our ends of the container's side go, so readers see EOF. */
    void closeContainerSide() {
        for (OwnedFd fd : containerSide) {
            fd.closeQuietly(e -> LOG.log(Level.DEBUG, "close {0}: {1}", fd, e.getMessage()));
        }
    }

    /** Also closes the caller's pipe streams. */
    @Override
    public void close() {
        closeContainerSide();
        for (Closeable stream : callerStreams) {
            try {
                stream.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "close stdio stream: {0}", e.getMessage());
            }
        }
    }
}
