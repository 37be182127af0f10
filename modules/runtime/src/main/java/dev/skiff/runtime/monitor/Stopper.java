package dev.skiff.runtime.monitor;

import dev.skiff.libc.Processes;
import dev.skiff.runtime.Monitor;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Stops one run's container the way {@code docker stop} does: TERM, then KILL if it is
 * still there after a grace period. A stop asked for before the container started is
 * carried out as soon as it starts; nothing is signalled once the run has finished.
 */
public final class Stopper implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Stopper.class.getName());

    private final Duration grace;
    private Monitor.ContainerControl control;
    private boolean requested;
    private boolean killRequested;
    private boolean begun;
    private boolean finished;
    private Thread killer;

    public Stopper(Duration grace) {
        this.grace = grace;
    }

    /** The container started: a stop already asked for begins now. */
    public synchronized void started(Monitor.ContainerControl started) {
        control = started;
        if (killRequested) {
            send(Processes.SIGKILL);
        } else if (requested) {
            begin();
        }
    }

    /** TERM now (or at start), KILL after the grace period; later calls add nothing. */
    public synchronized void stop() {
        requested = true;
        if (control != null) {
            begin();
        }
    }

    /** KILL now (or at start). */
    public synchronized void kill() {
        killRequested = true;
        if (control != null) {
            send(Processes.SIGKILL);
        }
    }

    /** Sends {@code signal} if the container runs; false if it has not started or has finished. */
    public synchronized boolean signal(int signal) throws IOException {
        if (control == null || finished) {
            return false;
        }
        return control.signal(signal);
    }

    private void begin() {
        if (begun || finished) {
            return;
        }
        begun = true;
        send(Processes.SIGTERM);
        // A virtual thread: sleeping through the grace period costs no platform thread.
        killer = Thread.ofVirtual().name("skiff-stop-" + control.pid()).start(this::killAfterGrace);
    }

    private void killAfterGrace() {
        try {
            Thread.sleep(grace);
        } catch (InterruptedException e) {
            return;
        }
        synchronized (this) {
            if (!finished) {
                LOG.log(Level.DEBUG, "container {0} outlived its grace period of {1}: KILL", control.pid(), grace);
                send(Processes.SIGKILL);
            }
        }
    }

    private void send(int signal) {
        if (finished) {
            return;
        }
        try {
            control.signal(signal);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "signal {0} to container {1}: {2}", signal, control.pid(), e.getMessage());
        }
    }

    /** The run is over: the control is no longer valid. */
    @Override
    public synchronized void close() {
        finished = true;
        if (killer != null) {
            killer.interrupt();
        }
    }
}
