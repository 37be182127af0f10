package dev.skiff.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one run needs, as one immutable value: the CLI's flags and the Java
 * builder both produce it.
 *
 * @param rootfs       the container's root filesystem
 * @param command      argv of the process to run
 * @param env          extra environment, {@code NAME=value}, over the defaults
 * @param workingDir   the process's working directory inside the container, or null for "/"
 * @param hostname     the container's hostname, or null for the default
 * @param runtime      the OCI runtime: a path, or a name looked up on the PATH
 * @param runtimeFlags global flags given to the runtime before each verb
 * @param stateDir     where bundles are made
 * @param terminal     whether the container gets a pseudo-terminal (the policy already applied)
 * @param consoleSize  the terminal's initial size, or null for the runtime's default
 */
public record RunRequest(Path rootfs, List<String> command, List<String> env, String workingDir,
        String hostname, String runtime, List<String> runtimeFlags, Path stateDir, boolean terminal,
        ConsoleSize consoleSize) {

    /** A terminal size in character cells. */
    public record ConsoleSize(int columns, int rows) {
        public ConsoleSize {
            if (columns <= 0 || rows <= 0 || columns > 0xffff || rows > 0xffff) {
                throw new IllegalArgumentException("console size " + columns + "x" + rows + " is out of range");
            }
        }
    }

    public RunRequest {
        Objects.requireNonNull(rootfs, "rootfs");
        command = List.copyOf(command);
        env = List.copyOf(env);
        runtimeFlags = List.copyOf(runtimeFlags);
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(stateDir, "stateDir");
    }

    public static Builder builder(Path rootfs) {
        return new Builder(rootfs);
    }

    /** The default state directory: /run/skiff for root, the user's runtime directory otherwise. */
    public static Path defaultStateDir() {
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/run/skiff");
        }
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        return xdg != null && !xdg.isEmpty() ? Path.of(xdg, "skiff")
                : Path.of(System.getProperty("java.io.tmpdir"), "skiff-" + System.getProperty("user.name"));
    }

    /** Collects the parts of a {@link RunRequest}. */
    public static final class Builder {
        private final Path rootfs;
        private final List<String> command = new ArrayList<>();
        private final List<String> env = new ArrayList<>();
        private final List<String> runtimeFlags = new ArrayList<>();
        private String workingDir;
        private String hostname;
        private String runtime = "runc";
        private Path stateDir = defaultStateDir();
        private boolean terminal;
        private ConsoleSize consoleSize;

        private Builder(Path rootfs) {
            this.rootfs = rootfs;
        }

        public Builder command(List<String> argv) {
            command.clear();
            command.addAll(argv);
            return this;
        }

        public Builder command(String... argv) {
            return command(List.of(argv));
        }

        public Builder env(String nameValue) {
            env.add(nameValue);
            return this;
        }

        public Builder workingDir(String dir) {
            this.workingDir = dir;
            return this;
        }

        public Builder hostname(String name) {
            this.hostname = name;
            return this;
        }

        public Builder runtime(String nameOrPath) {
            this.runtime = nameOrPath;
            return this;
        }

        public Builder runtimeFlag(String flag) {
            runtimeFlags.add(flag);
            return this;
        }

        public Builder stateDir(Path dir) {
            this.stateDir = dir;
            return this;
        }

        public Builder terminal(boolean on) {
            this.terminal = on;
            return this;
        }

        public Builder consoleSize(ConsoleSize size) {
            this.consoleSize = size;
            return this;
        }

        public RunRequest build() {
            return new RunRequest(rootfs, command, env, workingDir, hostname, runtime, runtimeFlags, stateDir,
                    terminal, consoleSize);
        }
    }
}
