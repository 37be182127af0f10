package dev.skiff.cli;

import dev.skiff.libc.Processes;
import dev.skiff.runtime.Monitor;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import sun.misc.Signal;

/**
 * SIGINT, SIGTERM and SIGHUP to {@code skiff run} stop the container instead of the
 * JVM: TERM to the container, KILL after a grace period. The run then finishes its
 * normal teardown and the CLI exits 128 + the signal it received (130, 143, 129).
 */
final class StopSignals implements Monitor.Observer {
    private static final System.Logger LOG = System.getLogger(StopSignals.class.getName());
    static final Duration GRACE = Duration.ofSeconds(10);

    private final Monitor.Observer next;
    private volatile Monitor.ContainerControl control;
    private volatile int received;

    private StopSignals(Monitor.Observer next) {
        this.next = next;
    }

    /** Installs the handlers; {@code next} is told about the start as well. */
    static StopSignals install(Monitor.Observer next) {
        StopSignals stop = new StopSignals(next);
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            Signal.handle(new Signal(name), stop::onSignal);
        }
        return stop;
    }

    /** The signal that stopped the run, or 0. */
    int received() {
        return received;
    }

    @Override
    public void started(Monitor.ContainerControl started) {
        control = started;
        next.started(started);
        if (received != 0) {
            stop(started);
        }
    }

    private void onSignal(Signal signal) {
        boolean first = received == 0;
        received = signal.getNumber();
        Monitor.ContainerControl c = control;
        if (first && c != null) {
            stop(c);
        }
    }

    private static void stop(Monitor.ContainerControl c) {
        try {
            c.signal(Processes.SIGTERM);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "stop container: {0}", e.getMessage());
        }
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(GRACE);
                c.signal(Processes.SIGKILL);
            } catch (IOException | InterruptedException e) {
                LOG.log(Level.DEBUG, "kill container: {0}", e.getMessage());
            }
        });
    }
}
