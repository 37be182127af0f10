package dev.skiff.runtime;

import dev.skiff.spec.SpecOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Everything one run needs, as one immutable value: the CLI's flags and the Java
 * builder both produce it, and it travels as JSON to the library's monitor process.
 *
 * @param rootfs       the container's root filesystem
 * @param spec         what shapes config.json: command, env, user, capabilities, namespaces, ...
 * @param mounts       volumes, bound files and secrets
 * @param network      where CNI configs and plugins are found
 * @param runtime      the OCI runtime: a path, or a name looked up on the PATH
 * @param runtimeFlags global flags given to the runtime before each verb
 * @param stateDir     where bundles are made
 * @param containerName names the container's persistent directory (image volumes); null: a
 *                      fresh one per run, removed afterwards
 */
public record RunRequest(Path rootfs, SpecOptions spec, MountOptions mounts, NetworkOptions network,
        String runtime, List<String> runtimeFlags, Path stateDir, String containerName) {

    public RunRequest {
        Objects.requireNonNull(rootfs, "rootfs");
        Objects.requireNonNull(spec, "spec");
        mounts = mounts == null ? MountOptions.NONE : mounts;
        network = network == null ? NetworkOptions.DEFAULT : network;
        Objects.requireNonNull(runtime, "runtime");
        runtimeFlags = List.copyOf(runtimeFlags);
        Objects.requireNonNull(stateDir, "stateDir");
    }

    /** A terminal size in character cells. */
    public record ConsoleSize(int columns, int rows) {
        public ConsoleSize {
            if (columns <= 0 || rows <= 0 || columns > 0xffff || rows > 0xffff) {
                throw new IllegalArgumentException("console size " + columns + "x" + rows + " is out of range");
            }
        }
    }

    /** Whether the container gets a pseudo-terminal (the policy already applied). */
    public boolean terminal() {
        return spec.terminal();
    }

    public static Builder builder(Path rootfs) {
        return new Builder(rootfs);
    }

    /**
     * The default state directory: /run/skiff for root; for an ordinary user its runtime
     * directory ({@code $XDG_RUNTIME_DIR/skiff}) when that is its own, else /tmp/skiff-UID.
     */
    public static Path defaultStateDir() {
        return UserDirs.rootless() ? UserDirs.stateDir() : Path.of("/run/skiff");
    }

    /** Collects the parts of a {@link RunRequest}. */
    public static final class Builder {
        private final Path rootfs;
        private final SpecOptions.Builder spec = SpecOptions.builder();
        private SpecOptions specOptions;
        private final List<String> runtimeFlags = new ArrayList<>();
        private MountOptions mounts = MountOptions.NONE;
        private NetworkOptions network = NetworkOptions.DEFAULT;
        private String runtime = "runc";
        private Path stateDir = defaultStateDir();
        private String containerName;

        private Builder(Path rootfs) {
            this.rootfs = rootfs;
        }

        public Builder command(List<String> argv) {
            spec.args(argv);
            return this;
        }

        public Builder command(String... argv) {
            return command(List.of(argv));
        }

        public Builder env(String nameValue) {
            spec.env(nameValue);
            return this;
        }

        public Builder workingDir(String dir) {
            spec.cwd(dir);
            return this;
        }

        public Builder hostname(String name) {
            spec.hostname(name);
            return this;
        }

        public Builder terminal(boolean on) {
            spec.terminal(on);
            return this;
        }

        public Builder consoleSize(ConsoleSize size) {
            spec.consoleSize(size == null ? null : new dev.skiff.spec.ConsoleSize(size.rows(), size.columns()));
            return this;
        }

        /**
         * All the spec options at once, built elsewhere (the CLI's flags); replaces what
         * {@link #command}, {@link #env} and the other spec setters gave.
         */
        public Builder spec(SpecOptions options) {
            this.specOptions = options;
            return this;
        }

        /** Any other spec option: capabilities, user, limits, namespaces, seccomp, image config. */
        public Builder spec(UnaryOperator<SpecOptions.Builder> change) {
            change.apply(spec);
            return this;
        }

        public Builder mounts(MountOptions value) {
            this.mounts = value;
            return this;
        }

        public Builder network(NetworkOptions value) {
            this.network = value;
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

        public Builder containerName(String name) {
            this.containerName = name;
            return this;
        }

        public RunRequest build() {
            return new RunRequest(rootfs, specOptions != null ? specOptions : spec.build(), mounts, network, runtime,
                    runtimeFlags, stateDir, containerName);
        }
    }
}
