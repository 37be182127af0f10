package dev.skiff.cli;

import dev.skiff.libc.Terminals;
import dev.skiff.runtime.Monitor;
import dev.skiff.runtime.MountOptions;
import dev.skiff.runtime.NetworkOptions;
import dev.skiff.runtime.RunRequest;
import dev.skiff.runtime.SkiffException;
import dev.skiff.spec.ConsoleSize;
import dev.skiff.spec.SpecOptions;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code skiff run}: parses the flags into a {@link RunRequest} and is the run's monitor. */
final class RunCommand {
    private RunCommand() {}

    /** The parsed command line: the request, and whether to print its config.json only. */
    record Parsed(RunRequest request, boolean dryRun) {}

    static int run(List<String> argv) throws UsageException, SkiffException {
        Parsed parsed = parse(argv);
        RunRequest request = parsed.request();
        if (parsed.dryRun()) {
            System.out.print(Monitor.dryRun(request));
            return 0;
        }
        if (!request.terminal()) {
            return runStoppable(request, new Monitor.Observer() {});
        }
        try (TerminalSession session = TerminalSession.begin()) {
            return runStoppable(request, session);
        } catch (dev.skiff.libc.ErrnoException e) {
            throw new SkiffException("terminal: " + e.getMessage(), e);
        }
    }

    /** A run that a stop signal ends with 128 + that signal, after the normal teardown. */
    private static int runStoppable(RunRequest request, Monitor.Observer observer) throws SkiffException {
        StopSignals stop = StopSignals.install(observer);
        int code = Monitor.runInheritingStdio(request, stop).shellCode();
        return stop.received() != 0 ? 128 + stop.received() : code;
    }

    /** Flags of {@code skiff run} other than the spec's, collected while parsing. */
    private static final class Collected {
        Path rootfs;
        final List<String> runtimeFlags = new ArrayList<>();
        final List<String> volumes = new ArrayList<>();
        final List<String> mountSpecs = new ArrayList<>();
        final List<String> addHosts = new ArrayList<>();
        boolean noHosts;
        String shmSize;
        Path cniConfigDir;
        String cniPluginPath;
        String runtime = "runc";
        Path stateDir = RunRequest.defaultStateDir();
        String name;
        Path mountsConf;
        Boolean terminal;
        boolean dryRun;
    }

    static Parsed parse(List<String> argv) throws UsageException {
        Args args = new Args(argv);
        Collected c = new Collected();
        SpecOptions.Builder spec = SpecOptions.builder();
        for (String flag = args.nextOption(); flag != null; flag = args.nextOption()) {
            if (!runFlag(flag, args, c, spec) && !SpecFlags.accept(flag, args, spec)) {
                throw new UsageException("unknown flag " + flag + " for `skiff run`");
            }
        }
        if (c.rootfs == null) {
            throw new UsageException("run: --rootfs DIR is required");
        }
        List<String> command = args.operands();
        if (command.isEmpty()) {
            throw new UsageException("run: a COMMAND is required");
        }
        spec.args(command);
        terminal(c, spec);
        MountOptions mounts = new MountOptions(c.volumes, c.mountSpecs, c.addHosts, c.noHosts, c.shmSize,
                c.mountsConf);
        try {
            mounts.validate();
        } catch (java.io.IOException e) {
            throw new UsageException(e.getMessage());
        }
        RunRequest.Builder b = RunRequest.builder(c.rootfs).spec(SpecFlags.build(spec)).runtime(c.runtime)
                .stateDir(c.stateDir).mounts(mounts).network(new NetworkOptions(c.cniConfigDir, c.cniPluginPath))
                .containerName(c.name);
        c.runtimeFlags.forEach(b::runtimeFlag);
        return new Parsed(b.build(), c.dryRun);
    }

    /** The default terminal policy: a terminal only when stdin, stdout and stderr all are. */
    private static void terminal(Collected c, SpecOptions.Builder spec) {
        boolean tty = c.terminal != null ? c.terminal : TerminalPolicy.allStdioAreTerminals();
        spec.terminal(tty);
        if (tty) {
            Terminals.WindowSize size = TerminalSession.callerSize();
            if (size != null && size.columns() > 0 && size.rows() > 0) {
                spec.consoleSize(new ConsoleSize(size.rows(), size.columns()));
            }
        }
    }

    private static boolean runFlag(String flag, Args args, Collected c, SpecOptions.Builder spec)
            throws UsageException {
        switch (flag) {
            case "--rootfs" -> c.rootfs = path(flag, args.value());
            case "-e", "--env" -> envEntry(args.value(), spec);
            case "--workingdir" -> spec.cwd(absolute(flag, args.value()));
            case "--hostname" -> spec.hostname(nonEmpty(flag, args.value()));
            case "--runtime" -> c.runtime = nonEmpty(flag, args.value());
            case "--runtime-flag" -> c.runtimeFlags.add(runtimeFlag(args.value()));
            case "--state-dir" -> c.stateDir = path(flag, args.value());
            case "--name" -> c.name = nonEmpty(flag, args.value());
            case "-t", "--tty", "--terminal" -> c.terminal = args.booleanValue();
            case "-v", "--volume" -> c.volumes.add(args.value());
            case "--mount" -> c.mountSpecs.add(args.value());
            case "--add-host" -> c.addHosts.add(args.value());
            case "--no-hosts" -> c.noHosts = args.booleanValue();
            case "--shm-size" -> c.shmSize = nonEmpty(flag, args.value());
            case "--mounts-conf" -> c.mountsConf = path(flag, args.value());
            case "--cni-config-dir" -> c.cniConfigDir = path(flag, args.value());
            case "--cni-plugin-path" -> c.cniPluginPath = nonEmpty(flag, args.value());
            case "--dry-run" -> c.dryRun = args.booleanValue();
            default -> {
                return false;
            }
        }
        return true;
    }

    private static String nonEmpty(String flag, String value) throws UsageException {
        if (value.isEmpty()) {
            throw new UsageException("flag " + flag + ": empty value");
        }
        return value;
    }

    /** Path.of refuses a NUL, or a character the file system's encoding cannot hold (a lone surrogate). */
    private static Path path(String flag, String value) throws UsageException {
        try {
            return Path.of(nonEmpty(flag, value));
        } catch (InvalidPathException e) {
            throw new UsageException("flag " + flag + " `" + value + "`: not a path: " + e.getReason());
        }
    }

    private static String absolute(String flag, String value) throws UsageException {
        if (!value.startsWith("/")) {
            throw new UsageException("flag " + flag + " `" + value + "`: must be an absolute path");
        }
        return value;
    }

    /** {@code NAME=value} as given; {@code NAME} alone takes this process's value if it has one, as docker does. */
    private static void envEntry(String value, SpecOptions.Builder spec) throws UsageException {
        int eq = value.indexOf('=');
        String name = eq < 0 ? value : value.substring(0, eq);
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new UsageException("flag --env `" + value + "`: expected NAME=VALUE");
        }
        if (eq >= 0) {
            spec.env(value);
            return;
        }
        String here = System.getenv(name);
        if (here != null) {
            spec.env(name + "=" + here);
        }
    }

    /** buildah's convention: the flag is given without its leading dashes. */
    private static String runtimeFlag(String value) throws UsageException {
        if (value.isEmpty()) {
            throw new UsageException("flag --runtime-flag: empty value");
        }
        return value.startsWith("-") ? value : "--" + value;
    }
}
