package dev.skiff.runtime.monitor;

import dev.skiff.libc.Terminals;
import dev.skiff.runtime.Monitor;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * In the monitor child: tells the library that the container started, and carries out
 * its commands on a platform thread of its own. End of the control stream while the
 * container runs means the library's JVM is gone: the container is stopped (TERM,
 * grace, KILL) and the run's normal teardown cleans up.
 */
final class CommandLoop implements Monitor.Observer {
    private static final System.Logger LOG = System.getLogger(CommandLoop.class.getName());

    private final ControlChannel channel;
    private final Stopper stopper;
    private volatile Monitor.ContainerControl control;
    private volatile boolean finished;

    private CommandLoop(ControlChannel channel, Stopper stopper) {
        this.channel = channel;
        this.stopper = stopper;
    }

    static CommandLoop start(ControlChannel channel, Stopper stopper) {
        CommandLoop loop = new CommandLoop(channel, stopper);
        Thread.ofPlatform().name("skiff-monitor-commands").daemon().start(loop::readCommands);
        return loop;
    }

    /**
     * The stopper first: once the library hears of the start, its commands must find a
     * container to act on (a KILL read before would be dropped, and the container run on).
     */
    @Override
    public void started(Monitor.ContainerControl started) {
        control = started;
        stopper.started(started);
        try {
            channel.send(new Protocol.Started(started.pid(), started.networks()));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "report start: {0}", e.getMessage());
        }
    }

    /** The run returned: commands from now on have no container to act on. */
    void finished() {
        finished = true;
    }

    private void readCommands() {
        try {
            for (Protocol.Command c = channel.receive(Protocol.Command.class); c != null;
                    c = channel.receive(Protocol.Command.class)) {
                execute(c);
                channel.send(new Protocol.Done());
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "control socket: {0}", e.getMessage());
        }
        if (!finished) {
            LOG.log(Level.DEBUG, "the library went away: stopping the container");
            stopper.stop();
        }
    }

    private void execute(Protocol.Command command) {
        try {
            switch (command) {
                case Protocol.Signal s -> stopper.signal(s.signal());
                case Protocol.Stop s -> stopper.stop();
                case Protocol.Resize r -> resize(r);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "command {0}: {1}", command, e.getMessage());
        }
    }

    private void resize(Protocol.Resize r) throws IOException {
        Monitor.ContainerControl c = control;
        if (c != null && !finished) {
            c.resize(new Terminals.WindowSize(r.columns(), r.rows()));
        }
    }
}
