package dev.skiff.runtime;

import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.OwnedFd;
import dev.skiff.libc.Processes;
import dev.skiff.libc.WaitStatus;
import dev.skiff.stdio.Poller;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * The container's init process after a successful create: a child of the monitor (its
 * subreaper) held by a pidfd, so signals and the wait can never hit a recycled pid.
 */
final class ContainerProcess implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ContainerProcess.class.getName());

    private final int pid;
    private final OwnedFd pidfd;
    private volatile boolean reaped;

    private ContainerProcess(int pid, OwnedFd pidfd) {
        this.pid = pid;
        this.pidfd = pidfd;
    }

    static ContainerProcess open(int pid) throws ErrnoException {
        return new ContainerProcess(pid, Processes.pidfdOpen(pid));
    }

    int pid() {
        return pid;
    }

    /** Sends a signal; false once the process has exited. */
    boolean signal(int signal) throws ErrnoException {
        return !reaped && Processes.pidfdSendSignal(pidfd, signal);
    }

    /**
     * Waits for the init to exit and reaps it. The pidfd becomes readable at exit; a
     * virtual thread waits for that on the poller instead of blocking in waitid.
     */
    WaitStatus await() throws IOException, InterruptedException {
        if (Thread.currentThread().isVirtual()) {
            Poller.shared().awaitReadable(pidfd.fd());
        }
        WaitStatus status = Processes.waitPidfd(pidfd, true).orElseThrow();
        reaped = true;
        return status;
    }

    /** Kills and reaps the init if it is still there: the runtime cannot wait for our child. */
    void killAndReap() throws ErrnoException {
        if (reaped) {
            return;
        }
        if (Processes.pidfdSendSignal(pidfd, Processes.SIGKILL)) {
            LOG.log(Level.DEBUG, "killed container init {0}", pid);
        }
        Processes.waitPidfd(pidfd, true);
        reaped = true;
    }

    @Override
    public void close() throws IOException {
        if (pidfd.isOpen()) {
            Poller.shared().forget(pidfd.fd());
        }
        pidfd.close();
    }
}
