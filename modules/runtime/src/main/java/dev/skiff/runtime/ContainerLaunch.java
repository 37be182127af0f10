package dev.skiff.runtime;

import dev.skiff.runtime.monitor.MonitorProcess;
import dev.skiff.runtime.monitor.Protocol;
import dev.skiff.stdio.Relay;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/** One {@link ContainerBuilder#start()}: the stdio opened, the monitor started, the handle made. */
record ContainerLaunch(RunRequest request, StdioTarget stdin, StdioTarget stdout, StdioTarget stderr,
        boolean mergeError, Duration grace) {
    private static final System.Logger LOG = System.getLogger(ContainerLaunch.class.getName());

    /** The default: a monitor child gets the container's stdio as its own 0, 1, 2. */
    Container withMonitorChild() throws SkiffException {
        CallerStdio stdio = openStdio();
        try {
            MonitorFds fds = MonitorFds.of(stdio.ends());
            MonitorProcess monitor;
            try {
                monitor = MonitorProcess.spawn(new Protocol.Launch(request, grace.toMillis()), fds.fds());
            } catch (SkiffException e) {
                fds.discard();
                throw e;
            }
            stdio.closeContainerSide();
            Relay relay = startRelay(fds, monitor);
            try {
                monitor.awaitStarted();
            } catch (SkiffException e) {
                if (relay != null) {
                    relay.close();
                }
                throw e;
            }
            LOG.log(Level.DEBUG, "container {0} started by monitor process {1}", monitor.pid(), monitor.monitorPid());
            return new Container(request, monitor, stdio, relay);
        } catch (SkiffException e) {
            stdio.close();
            throw e;
        }
    }

    private static Relay startRelay(MonitorFds fds, MonitorProcess monitor) throws SkiffException {
        try {
            return fds.spawned();
        } catch (IOException e) {
            monitor.close();
            throw new SkiffException("stdio relay: " + e.getMessage(), e);
        }
    }

    /**
     * The opt-in: the monitor runs here. Its relay borrows the caller's descriptors until
     * the run is over, so they are closed only then, on failure too.
     */
    Container inProcess() throws SkiffException {
        CallerStdio stdio = openStdio();
        InProcessSession session = InProcessSession.spawn(request, stdio.ends(), grace);
        try {
            session.awaitStarted();
        } catch (SkiffException e) {
            session.exit().whenComplete((status, failure) -> stdio.close());
            throw e;
        }
        LOG.log(Level.DEBUG, "container {0} started in process", session.pid());
        return new Container(request, session, stdio, null);
    }

    private CallerStdio openStdio() throws SkiffException {
        return CallerStdio.open(stdin, stdout, stderr, mergeError, request.terminal());
    }
}
