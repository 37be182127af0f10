package dev.skiff.cli;

import dev.skiff.libc.Terminals;
import dev.skiff.runtime.Monitor;
import dev.skiff.runtime.RunRequest;
import dev.skiff.runtime.SkiffException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code skiff run}: parses the flags into a {@link RunRequest} and is the run's monitor. */
final class RunCommand {
    private RunCommand() {}

    static int run(List<String> argv) throws UsageException, SkiffException {
        RunRequest request = parse(argv);
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

    static RunRequest parse(List<String> argv) throws UsageException {
        Args args = new Args(argv);
        Path rootfs = null;
        List<String> env = new ArrayList<>();
        List<String> runtimeFlags = new ArrayList<>();
        String workingDir = null;
        String hostname = null;
        String runtime = "runc";
        Path stateDir = RunRequest.defaultStateDir();
        Boolean terminal = null;
        for (String flag = args.nextOption(); flag != null; flag = args.nextOption()) {
            switch (flag) {
                case "--rootfs" -> rootfs = Path.of(nonEmpty(flag, args.value()));
                case "-e", "--env" -> env.add(envEntry(args.value()));
                case "--workingdir" -> workingDir = absolute(flag, args.value());
                case "--hostname" -> hostname = nonEmpty(flag, args.value());
                case "--runtime" -> runtime = nonEmpty(flag, args.value());
                case "--runtime-flag" -> runtimeFlags.add(runtimeFlag(args.value()));
                case "--state-dir" -> stateDir = Path.of(nonEmpty(flag, args.value()));
                case "-t", "--tty", "--terminal" -> terminal = args.booleanValue();
                default -> throw new UsageException("unknown flag " + flag + " for `skiff run`");
            }
        }
        if (rootfs == null) {
            throw new UsageException("run: --rootfs DIR is required");
        }
        List<String> command = args.operands();
        if (command.isEmpty()) {
            throw new UsageException("run: a COMMAND is required");
        }
        boolean tty = terminal != null ? terminal : TerminalPolicy.allStdioAreTerminals();
        RunRequest.Builder b = RunRequest.builder(rootfs).command(command).runtime(runtime).stateDir(stateDir)
                .workingDir(workingDir).hostname(hostname).terminal(tty);
        if (tty) {
            Terminals.WindowSize size = TerminalSession.callerSize();
            if (size != null && size.columns() > 0 && size.rows() > 0) {
                b.consoleSize(new RunRequest.ConsoleSize(size.columns(), size.rows()));
            }
        }
        env.forEach(b::env);
        runtimeFlags.forEach(b::runtimeFlag);
        return b.build();
    }

    private static String nonEmpty(String flag, String value) throws UsageException {
        if (value.isEmpty()) {
            throw new UsageException("flag " + flag + ": empty value");
        }
        return value;
    }

    private static String absolute(String flag, String value) throws UsageException {
        if (!value.startsWith("/")) {
            throw new UsageException("flag " + flag + " `" + value + "`: must be an absolute path");
        }
        return value;
    }

    /** {@code NAME=value} as given; {@code NAME} alone takes this process's value, as docker does. */
    private static String envEntry(String value) throws UsageException {
        int eq = value.indexOf('=');
        String name = eq < 0 ? value : value.substring(0, eq);
        if (name.isEmpty() || name.contains("\0")) {
            throw new UsageException("flag --env `" + value + "`: expected NAME=VALUE");
        }
        if (eq >= 0) {
            return value;
        }
        String here = System.getenv(name);
        return here == null ? name + "=" : name + "=" + here;
    }

    /** buildah's convention: the flag is given without its leading dashes. */
    private static String runtimeFlag(String value) throws UsageException {
        if (value.isEmpty()) {
            throw new UsageException("flag --runtime-flag: empty value");
        }
        return value.startsWith("-") ? value : "--" + value;
    }
}
