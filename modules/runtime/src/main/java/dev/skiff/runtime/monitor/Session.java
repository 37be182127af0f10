package dev.skiff.runtime.monitor;

import dev.skiff.runtime.ExitStatus;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * A started container as the library sees it: whichever monitor owns it (a child
 * process, or a thread of this JVM), this is what a {@code Container} handle asks of it.
 */
public interface Session extends AutoCloseable {

    /** The container init's pid as the host sees it. */
    int pid();

    /** The CNI networks the container was attached to. */
    java.util.List<dev.skiff.runtime.NetworkAttachment> networks();

    /**
     * How the container's process ended, completed once the monitor has delivered its
     * output and torn the run down; exceptionally with a {@code SkiffException} if that
     * failed.
     */
    CompletableFuture<ExitStatus> exit();

    /** Sends {@code signal} to the container's init. */
    void signal(int signal) throws IOException;

    /** TERM, then KILL after the grace period given at start. */
    void stop() throws IOException;

    /** Sets the container's terminal size. */
    void resize(int columns, int rows) throws IOException;

    /** Releases what the library holds for the session; for after {@link #exit()} completed. */
    @Override
    void close();
}
