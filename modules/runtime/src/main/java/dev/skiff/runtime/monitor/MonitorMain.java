package dev.skiff.runtime.monitor;

import dev.skiff.libc.Dirs;
import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.OwnedFd;
import dev.skiff.runtime.ExitStatus;
import dev.skiff.runtime.Monitor;
import dev.skiff.runtime.SkiffException;
import dev.skiff.stdio.Poller;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import sun.misc.Signal;

/**
 * The library's monitor child. Its descriptors 0, 1, 2 are the container's stdio as the
 * caller redirected them, and 3 is its end of the control socket. It reads one
 * {@link Protocol.Launch}, runs the container as the CLI does (it becomes the child
 * subreaper, not the library's JVM), reports {@code started} and {@code exited} or
 * {@code failed}, and exits with the container's status as its exit code.
 */
public final class MonitorMain {
    static final int CONTROL_FD = 3;

    /**
     * The first argument that makes the {@code skiff} command's main hand over to this
     * class: how the child starts in Skiff's runtime image (see MonitorCommandLine).
     */
    public static final String CLI_ENTRY = "monitor-child";

    private MonitorMain() {}

    public static void main(String[] args) {
        PrintStream console = System.err;
        if (!isSocket(CONTROL_FD)) {
            // Started by hand, or wrongly: descriptor 3 may be anything, even this JVM's own.
            console.println("skiff monitor: descriptor " + CONTROL_FD + " is not the control socket; "
                    + "this program is started by dev.skiff.runtime.ContainerBuilder");
            System.exit(SkiffException.FAILED);
        }
        int code;
        try (ControlChannel channel = ControlChannel.over(new OwnedFd(CONTROL_FD))) {
            forwardConsole(channel);
            code = run(channel);
        } catch (IOException | RuntimeException e) {
            console.println("skiff monitor: " + e);
            code = SkiffException.FAILED;
        }
        // The poller thread sits in epoll_wait, and HotSpot's exit would wait 300 ms for it.
        Poller.shutDownShared();
        System.exit(code);
    }

    private static boolean isSocket(int fd) {
        try {
            return Dirs.fstat(fd).type() == Dirs.S_IFSOCK;
        } catch (ErrnoException e) {
            return false;
        }
    }

    private static int run(ControlChannel channel) throws IOException {
        Protocol.Launch launch;
        try {
            launch = channel.receive(Protocol.Launch.class);
        } catch (IOException | RuntimeException e) {
            channel.send(new Protocol.Failed("monitor: cannot read the request: " + e.getMessage(), SkiffException.FAILED));
            return SkiffException.FAILED;
        }
        if (launch == null) {
            return SkiffException.FAILED;
        }
        try (Stopper stopper = new Stopper(Duration.ofMillis(launch.stopGraceMillis()))) {
            stopOnSignals(stopper);
            CommandLoop commands = CommandLoop.start(channel, stopper);
            return runContainer(launch, channel, commands, stopper);
        }
    }

    private static int runContainer(Protocol.Launch launch, ControlChannel channel, CommandLoop commands,
            Stopper stopper) throws IOException {
        Protocol.Event outcome;
        int code;
        try {
            ExitStatus status = Monitor.runInheritingStdio(launch.request(), commands);
            outcome = Protocol.Exited.of(status);
            code = status.shellCode();
        } catch (SkiffException e) {
            outcome = Protocol.Failed.of(e);
            code = e.exitCode();
        } catch (RuntimeException e) {
            outcome = new Protocol.Failed("monitor: " + e, SkiffException.FAILED);
            code = SkiffException.FAILED;
        }
        stopper.close();
        commands.finished();
        channel.send(outcome);
        return code;
    }

    /**
     * A terminal's INT, TERM or HUP reaches the whole process group, this child too: the
     * container is then stopped and torn down, not abandoned by a dying monitor.
     */
    private static void stopOnSignals(Stopper stopper) {
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            Signal.handle(new Signal(name), signal -> stopper.stop());
        }
    }

    /** What this JVM prints (log records, mostly) goes to the library, never into the container's streams. */
    private static void forwardConsole(ControlChannel channel) {
        PrintStream forward = new PrintStream(new LogLines(channel), true, StandardCharsets.UTF_8);
        System.setOut(forward);
        System.setErr(forward);
    }
}
