package dev.skiff.runtime;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Starts a command in a container, in the spirit of {@link ProcessBuilder}:
 *
 * <pre>{@code
 * try (Container c = new ContainerBuilder(rootfs).command("sh", "-c", "echo hi").start()) {
 *     String out = new String(c.getInputStream().readAllBytes());
 *     ExitStatus status = c.waitFor();
 * }
 * }</pre>
 *
 * <p>Each {@link #start()} runs a {@link RunRequest} built from this builder's settings
 * through {@link RunRequest#builder}; options this class does not wrap are reached with
 * {@link #request(UnaryOperator)}. stdio defaults to {@link Redirect#PIPE} for all three
 * streams, as with ProcessBuilder.
 *
 * <p>By default the container is owned by a monitor child process started from this
 * JVM's own java and modules: that child becomes the child subreaper, and this JVM's
 * process-wide state is left alone. {@link #monitorInProcess(boolean)} opts into running
 * the monitor in this JVM instead. A builder is not thread-safe; a started container
 * does not depend on it.
 */
public final class ContainerBuilder {
    /** docker's default time between TERM and KILL. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

    private final Path rootfs;
    private final List<String> command = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> runtimeFlags = new ArrayList<>();
    private final List<UnaryOperator<RunRequest.Builder>> requestChanges = new ArrayList<>();
    private String directory;
    private String hostname;
    private String runtime = "runc";
    private Path stateDir = RunRequest.defaultStateDir();
    private boolean terminal;
    private RunRequest.ConsoleSize consoleSize;
    private StdioTarget stdin = StdioTarget.PIPE;
    private StdioTarget stdout = StdioTarget.PIPE;
    private StdioTarget stderr = StdioTarget.PIPE;
    private boolean redirectErrorStream;
    private boolean monitorInProcess;
    private Duration stopGrace = DEFAULT_STOP_GRACE;

    /** @param rootfs the container's root filesystem, a directory */
    public ContainerBuilder(Path rootfs) {
        this.rootfs = Objects.requireNonNull(rootfs, "rootfs");
    }

    /** The command (argv) to run; replaces any set before. */
    public ContainerBuilder command(List<String> argv) {
        command.clear();
        command.addAll(List.copyOf(argv));
        return this;
    }

    public ContainerBuilder command(String... argv) {
        return command(List.of(argv));
    }

    /** The command as set; a copy. */
    public List<String> command() {
        return List.copyOf(command);
    }

    /**
     * The variables to set in the container, a mutable map, empty at first. Unlike
     * ProcessBuilder's, it does not start from this JVM's environment: the container's
     * environment is the runtime defaults ({@code PATH}, {@code TERM}) and the image
     * config's {@code Env}, with these set on top, replacing a default of the same name.
     */
    public Map<String, String> environment() {
        return environment;
    }

    /** The working directory inside the container (absolute); made if missing. Default {@code /}. */
    public ContainerBuilder directory(String containerPath) {
        if (containerPath != null && !containerPath.startsWith("/")) {
            throw new IllegalArgumentException("working directory `" + containerPath + "` must be absolute");
        }
        this.directory = containerPath;
        return this;
    }

    /** The container's hostname; default: derived from its id, as buildah does. */
    public ContainerBuilder hostname(String name) {
        this.hostname = name;
        return this;
    }

    /** The OCI runtime: a path, or a name looked up on the PATH. Default {@code runc}. */
    public ContainerBuilder runtime(String nameOrPath) {
        this.runtime = Objects.requireNonNull(nameOrPath, "runtime");
        return this;
    }

    /** A global flag given to the runtime before each verb, such as {@code --systemd-cgroup}. */
    public ContainerBuilder runtimeFlag(String flag) {
        runtimeFlags.add(Objects.requireNonNull(flag, "flag"));
        return this;
    }

    /** Where bundles are made. Default {@link RunRequest#defaultStateDir()}. */
    public ContainerBuilder stateDir(Path dir) {
        this.stateDir = Objects.requireNonNull(dir, "stateDir");
        return this;
    }

    /**
     * A pseudo-terminal for the container. stdout then carries everything the container
     * prints, and {@link Container#getErrorStream()} is empty; the stderr redirect is unused.
     */
    public ContainerBuilder terminal(boolean on) {
        this.terminal = on;
        return this;
    }

    /** The terminal's initial size; {@link Container#resize} changes it later. */
    public ContainerBuilder consoleSize(int columns, int rows) {
        this.consoleSize = new RunRequest.ConsoleSize(columns, rows);
        return this;
    }

    public ContainerBuilder redirectInput(Redirect source) {
        this.stdin = StdioTarget.input(source);
        return this;
    }

    public ContainerBuilder redirectInput(File file) {
        return redirectInput(Redirect.from(file));
    }

    /** stdin read from {@code in} by a relay thread; {@code in} is not closed. */
    public ContainerBuilder redirectInput(InputStream in) {
        this.stdin = new StdioTarget.FromStream(in);
        return this;
    }

    public ContainerBuilder redirectOutput(Redirect destination) {
        this.stdout = StdioTarget.output(destination);
        return this;
    }

    public ContainerBuilder redirectOutput(File file) {
        return redirectOutput(Redirect.to(file));
    }

    /**
     * stdout written to {@code out} (and flushed) by a relay thread, all of it before
     * {@link Container#onExit()} completes; {@code out} is not closed.
     */
    public ContainerBuilder redirectOutput(OutputStream out) {
        this.stdout = new StdioTarget.ToStream(out);
        return this;
    }

    public ContainerBuilder redirectError(Redirect destination) {
        this.stderr = StdioTarget.output(destination);
        return this;
    }

    public ContainerBuilder redirectError(File file) {
        return redirectError(Redirect.to(file));
    }

    /** As {@link #redirectOutput(OutputStream)}, for stderr. */
    public ContainerBuilder redirectError(OutputStream out) {
        this.stderr = new StdioTarget.ToStream(out);
        return this;
    }

    /** stderr goes wherever stdout goes, as with ProcessBuilder; the stderr redirect is then unused. */
    public ContainerBuilder redirectErrorStream(boolean merge) {
        this.redirectErrorStream = merge;
        return this;
    }

    /** All three streams are this JVM's own stdin, stdout and stderr. */
    public ContainerBuilder inheritIO() {
        redirectInput(Redirect.INHERIT);
        redirectOutput(Redirect.INHERIT);
        return redirectError(Redirect.INHERIT);
    }

    /** How long {@link Container#destroy()} waits between TERM and KILL. Default 10 s. */
    public ContainerBuilder stopGracePeriod(Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("negative grace period " + grace);
        }
        this.stopGrace = grace;
        return this;
    }

    /**
     * Runs the monitor in this JVM rather than in a child process (default false). It
     * saves a JVM start per container, at a cost: this JVM becomes a child subreaper for
     * good (orphaned descendants of any of its children are re-parented to it, and the
     * monitor reaps exited children it does not know, which can take the exit status of
     * a child started by other code in this JVM); each running container holds a
     * platform thread; and if this JVM dies, its containers are neither stopped nor
     * deleted.
     */
    public ContainerBuilder monitorInProcess(boolean inProcess) {
        this.monitorInProcess = inProcess;
        return this;
    }

    /** A change to the request for options this builder does not wrap; applied in order, last. */
    public ContainerBuilder request(UnaryOperator<RunRequest.Builder> change) {
        requestChanges.add(Objects.requireNonNull(change, "change"));
        return this;
    }

    /** The request {@link #start()} would run. */
    public RunRequest toRequest() {
        if (command.isEmpty()) {
            throw new IllegalStateException("no command to run");
        }
        RunRequest.Builder b = RunRequest.builder(rootfs).command(command).runtime(runtime).stateDir(stateDir)
                .terminal(terminal);
        if (directory != null) {
            b.workingDir(directory);
        }
        if (hostname != null) {
            b.hostname(hostname);
        }
        if (consoleSize != null) {
            b.consoleSize(consoleSize);
        }
        environment.forEach((name, value) -> b.env(envEntry(name, value)));
        runtimeFlags.forEach(b::runtimeFlag);
        RunRequest.Builder changed = b;
        for (UnaryOperator<RunRequest.Builder> change : requestChanges) {
            changed = change.apply(changed);
        }
        return changed.build();
    }

    private static String envEntry(String name, String value) {
        if (name.isEmpty() || name.contains("=") || name.contains("\0") || value.contains("\0")) {
            throw new IllegalArgumentException("environment variable `" + name + "`: invalid name or value");
        }
        return name + "=" + value;
    }

    /**
     * Creates and starts the container; returns once it runs.
     *
     * @throws SkiffException if it could not be started, with {@link SkiffException#exitCode()}
     *     127 when the command was not found, 126 when it could not be executed, 125 otherwise;
     *     the message carries what the runtime said
     */
    public Container start() throws SkiffException {
        RunRequest request = toRequest();
        ContainerLaunch launch = new ContainerLaunch(request, stdin, stdout, stderr, redirectErrorStream, stopGrace);
        return monitorInProcess ? launch.inProcess() : launch.withMonitorChild();
    }
}
