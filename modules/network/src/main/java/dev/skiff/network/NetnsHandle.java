package dev.skiff.network;

import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A descriptor held on a network namespace, so the namespace outlives the container's
 * process: CNI's DEL needs it after the container has exited. Plugins reach it through
 * {@link #path()}, {@code /proc/<this pid>/fd/<n>}, which opens the namespace itself.
 * The descriptor is close-on-exec: plugins open the path, they do not inherit the fd.
 */
public final class NetnsHandle implements AutoCloseable {
    private final OwnedFd fd;
    private final Path path;
    private final String source;

    private NetnsHandle(OwnedFd fd, String source) {
        this.fd = fd;
        this.path = Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "fd", Integer.toString(fd.fd()));
        this.source = source;
    }

    /** The network namespace of process {@code pid} (the container's init, after create). */
    public static NetnsHandle ofPid(long pid) throws IOException {
        return open(Path.of("/proc", Long.toString(pid), "ns", "net"));
    }

    /**
     * A network namespace file: {@code /proc/PID/ns/net}, a bind mount such as
     * {@code /run/netns/NAME} ({@code ip netns add}), or the {@code ns:PATH} of a run.
     * Fails when the file is not a network namespace.
     */
    public static NetnsHandle open(Path nsFile) throws IOException {
        OwnedFd fd = Fds.open(nsFile.toString(), Fds.O_RDONLY | Fds.O_CLOEXEC, 0);
        try {
            NetnsHandle handle = new NetnsHandle(fd, nsFile.toString());
            handle.requireNetworkNamespace();
            return handle;
        } catch (IOException | RuntimeException e) {
            fd.closeQuietly(e::addSuppressed);
            throw e;
        }
    }

    /**
     * The descriptor must be on nsfs (same device as our own namespace files), and when its
     * link names a type ({@code /proc/PID/ns/*} reads {@code uts:[...]}) that type must be
     * net. A bind mount ({@code /run/netns/x}) reads as its path, so a bind-mounted
     * namespace of another type passes; setns(2) in the runtime still refuses it.
     */
    private void requireNetworkNamespace() throws IOException {
        Object nsfs = Files.getAttribute(Path.of("/proc/self/ns/net"), "unix:dev");
        if (!nsfs.equals(Files.getAttribute(path, "unix:dev"))) {
            throw new IOException(source + " is not a namespace file");
        }
        String target = Files.readSymbolicLink(path).toString();
        if (target.matches("[a-z_]+:\\[\\d+\\]") && !target.startsWith("net:[")) {
            throw new IOException(source + " is not a network namespace (it is " + target + ")");
        }
    }

    /** The path plugins get as CNI_NETNS; valid while this handle is open. */
    public Path path() {
        if (!fd.isOpen()) {
            throw new IllegalStateException("network namespace handle on " + source + " is closed");
        }
        return path;
    }

    /** {@code net:[4026532xyz]}: which namespace this is, for comparisons and logs. */
    public String identity() throws IOException {
        return "net:[" + Files.getAttribute(path(), "unix:ino") + "]";
    }

    public boolean isOpen() {
        return fd.isOpen();
    }

    @Override
    public void close() throws ErrnoException {
        fd.close();
    }

    @Override
    public String toString() {
        return "netns " + source + (fd.isOpen() ? " at " + path : " (closed)");
    }
}
