package dev.skiff.runtime;

import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Processes;
import dev.skiff.libc.Terminals;
import dev.skiff.libc.WaitStatus;
import dev.skiff.mounts.HostOwner;
import dev.skiff.mounts.RootfsAccess;
import dev.skiff.runtime.oci.OciRuntime;
import dev.skiff.runtime.oci.OciRuntimeException;
import dev.skiff.runtime.oci.RuntimeBinary;
import dev.skiff.mounts.ContainerDirs;
import dev.skiff.network.Attachment;
import dev.skiff.network.Attachments;
import dev.skiff.network.Network;
import dev.skiff.stdio.Relay;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Owns one container from create to delete: the path of one run. It is the child
 * subreaper, so the container's init becomes its child once {@code runtime create}
 * exits; it waits on a pidfd (no polling), drains every output byte, then deletes the
 * container and removes the bundle, on every path.
 */
public final class Monitor {
    private static final System.Logger LOG = System.getLogger(Monitor.class.getName());

    /** Told about the container while it runs. */
    public interface Observer {
        /** The container was started; {@code control} is valid until the run returns. */
        default void started(ContainerControl control) {}
    }

    /** What an observer may do to a running container. */
    public interface ContainerControl {
        /** The container init's pid as the host sees it. */
        int pid();

        /** Sends a signal to the container's init; false once it has exited. */
        boolean signal(int signal) throws IOException;

        /** Resizes the container's terminal; a no-op without one. */
        void resize(Terminals.WindowSize size) throws IOException;

        /** The CNI networks the container was attached to, in attach order; empty without CNI. */
        List<NetworkAttachment> networks();
    }

    private Monitor() {}

    /**
     * Runs the request with this process's own stdin, stdout and stderr relayed to the
     * container, and returns how the container's process ended. Makes this process a
     * child subreaper: only for a process that is the monitor (the CLI, or the
     * library's monitor child).
     */
    public static ExitStatus runInheritingStdio(RunRequest request, Observer observer) throws SkiffException {
        try {
            return run(request, ContainerIo.Ends.inherit(), observer);
        } catch (ErrnoException e) {
            throw new SkiffException("stdio: " + e.getMessage(), e);
        }
    }

    public static ExitStatus runInheritingStdio(RunRequest request) throws SkiffException {
        return runInheritingStdio(request, new Observer() {});
    }

    /**
     * The config.json a run of {@code request} would use, made the same way (user lookup,
     * mounts, bound files), in a bundle that is removed again; nothing is run.
     */
    public static String dryRun(RunRequest request) throws SkiffException {
        Path rootfs = checkRootfs(request.rootfs());
        String shortId = newShortId();
        try (Teardown teardown = new Teardown()) {
            request.mounts().validate();
            String id = "skiff-" + shortId;
            Bundle bundle = Bundle.create(request.stateDir(), id);
            teardown.push("remove bundle " + bundle.dir(), bundle::close);
            ContainerDirs dirs = RunPlan.containerDirs(request, id);
            if (request.containerName() == null) {
                teardown.push("remove container directory " + dirs.containerDir(), dirs::delete);
            }
            RunPlan plan = RunPlan.make(request, rootfs, shortId, bundle, dirs);
            teardown.push("remove prepared mounts", plan.mounts()::close);
            NetworkSetup.load(plan.network(), request.network());
            return plan.spec().toJson();
        } catch (SkiffException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new SkiffException(e.getMessage(), e);
        }
    }

    static ExitStatus run(RunRequest request, ContainerIo.Ends callerEnds, Observer observer) throws SkiffException {
        return run(request, callerEnds, observer, true);
    }

    /**
     * @param ownsChildren whether this process is a monitor only, so that every child it
     *                     has is Skiff's: then orphans re-parented to it are reaped after the
     *                     run. Not in a library JVM running the monitor in-process, where a
     *                     wait for any child could take the status of the caller's own
     *                     children or of another run's runtime verb.
     */
    static ExitStatus run(RunRequest request, ContainerIo.Ends callerEnds, Observer observer, boolean ownsChildren)
            throws SkiffException {
        Path rootfs = checkRootfs(request.rootfs());
        OciRuntime runtime = runtimeFor(request);
        String shortId = newShortId();
        String id = "skiff-" + shortId;
        becomeSubreaper();
        try (Teardown teardown = new Teardown()) {
            request.mounts().validate();
            Bundle bundle = Bundle.create(request.stateDir(), id);
            teardown.push("remove bundle " + bundle.dir(), bundle::close);
            ContainerDirs dirs = RunPlan.containerDirs(request, id);
            boolean ephemeral = request.containerName() == null;
            if (ephemeral) {
                teardown.push("remove container directory " + dirs.containerDir(), dirs::delete);
            }
            Journal.begin(bundle, new Journal.Entry(id, runtime.global().binary(), runtime.global().root(),
                    request.runtimeFlags(), Journal.selfPid(), Journal.startTime(Journal.selfPid()),
                    request.network().cniPluginPath(), ephemeral ? dirs.containerDir() : null));
            RunPlan plan = RunPlan.make(request, rootfs, shortId, bundle, dirs);
            teardown.push("remove prepared mounts", plan.mounts()::close);
            List<Network> networks = NetworkSetup.load(plan.network(), request.network());
            createWorkingDirectory(rootfs, plan);
            IntermediateRootfs intermediate = IntermediateRootfs.ifNeeded(rootfs, bundle, plan.containerRoot(),
                    teardown);
            (intermediate == null ? plan.spec() : plan.spec().withRootPath(intermediate.target().toString()))
                    .write(bundle.config());
            ContainerIo io = openIo(request, bundle, plan, callerEnds);
            teardown.push("close stdio", io::close);
            ContainerProcess container = create(runtime, new Creation(id, bundle, io, intermediate), teardown);
            List<NetworkAttachment> attached = connect(request, id, bundle, plan, networks, container, teardown);
            Relay relay = Relay.start(io.copies(callerEnds));
            teardown.push("stop stdio relay", relay::close);
            runtime.start(id);
            observer.started(control(container, io, attached));
            WaitStatus status = container.await();
            relay.awaitOutputs();
            return ExitStatus.of(status);
        } catch (SkiffException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new SkiffException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SkiffException("interrupted", e);
        } finally {
            if (ownsChildren) {
                reapStrays();
            }
        }
    }

    /** Between create and start: the CNI networks, then /etc/hosts and resolv.conf to match. */
    private static List<NetworkAttachment> connect(RunRequest request, String id, Bundle bundle, RunPlan plan,
            List<Network> networks, ContainerProcess container, Teardown teardown) throws IOException {
        if (networks.isEmpty()) {
            return List.of();
        }
        Attachments attachments = NetworkSetup.attach(NetworkSetup.cni(request.network()), id, container.pid(),
                networks, teardown);
        Journal.attached(bundle, attachments);
        List<Attachment> attached = attachments.list();
        String hostname = plan.spec().hostname() == null ? "" : plan.spec().hostname();
        NetworkSetup.updateEtcFiles(plan.mounts().createdFiles(), hostname, attached, plan.network(),
                request.mounts().parsedAddHosts());
        return attached.stream().map(NetworkAttachment::of).toList();
    }

    /** The caller's descriptors where they can go straight through, else pipes the relay serves. */
    private static ContainerIo openIo(RunRequest request, Bundle bundle, RunPlan plan, ContainerIo.Ends callerEnds)
            throws IOException {
        if (!request.terminal()) {
            return ContainerStdio.wire(callerEnds, plan.containerRoot());
        }
        dev.skiff.spec.ConsoleSize size = request.spec().consoleSize();
        return ContainerTerminal.listen(bundle.consoleSocket(),
                size == null ? null : new Terminals.WindowSize(size.width(), size.height()));
    }

    /** What {@link #create} needs; {@code intermediate} is null unless the rootfs needs binding. */
    private record Creation(String id, Bundle bundle, ContainerIo io, IntermediateRootfs intermediate) {}

    private static ContainerProcess create(OciRuntime runtime, Creation c, Teardown teardown)
            throws IOException, InterruptedException {
        // A failed create can still leave runtime state behind: delete it either way.
        teardown.push("delete container " + c.id(), () -> runtime.deleteIfExists(c.id()));
        OciRuntime.CreateOptions options = new OciRuntime.CreateOptions(c.id(), c.bundle().dir(),
                c.bundle().pidFile(), c.io().consoleSocket(), c.bundle().log(), c.io().runtimeFds());
        int pid;
        try {
            pid = c.intermediate() == null ? runtime.create(options)
                    : c.intermediate().run(() -> runtime.create(options));
        } catch (OciRuntimeException e) {
            throw CreateFailure.classify(e, c.io().drainOutput());
        }
        ContainerProcess container = ContainerProcess.open(pid);
        teardown.push("close pidfd", container::close);
        teardown.push("kill container " + c.id(), container::killAndReap);
        c.io().created();
        LOG.log(Level.DEBUG, "created {0}: init pid {1}", c.id(), pid);
        return container;
    }

    private static ContainerControl control(ContainerProcess container, ContainerIo io,
            List<NetworkAttachment> attached) {
        return new ContainerControl() {
            @Override
            public List<NetworkAttachment> networks() {
                return attached;
            }

            @Override
            public int pid() {
                return container.pid();
            }

            @Override
            public boolean signal(int signal) throws IOException {
                return container.signal(signal);
            }

            @Override
            public void resize(Terminals.WindowSize size) throws IOException {
                io.resize(size);
            }
        };
    }

    /** 12 hex digits: the container is {@code skiff-ID}, and its default hostname is the ID. */
    private static String newShortId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 12);
    }

    private static void becomeSubreaper() throws SkiffException {
        try {
            Processes.becomeChildSubreaper();
        } catch (ErrnoException e) {
            throw new SkiffException("become child subreaper: " + e.getMessage(), e);
        }
    }

    /** Reaps orphans re-parented to this subreaper (processes of a host-PID container). */
    private static void reapStrays() {
        try {
            while (Processes.reapAny().isPresent()) {
                // keep reaping
            }
        } catch (ErrnoException e) {
            LOG.log(Level.DEBUG, "reaping strays: {0}", e.getMessage());
        }
    }

    /**
     * The seed creates a missing working directory, owned by the container's user (as its IDs
     * are mapped to the host), inside the rootfs.
     */
    private static void createWorkingDirectory(Path rootfs, RunPlan plan) throws IOException {
        HostOwner owner = plan.hostOwnerOfUser();
        try (RootfsAccess access = RootfsAccess.open(rootfs)) {
            access.mkdirs(plan.spec().process().cwd(), 0755, owner.uid(), owner.gid());
        }
    }

    private static Path checkRootfs(Path rootfs) throws SkiffException {
        Path absolute = rootfs.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new SkiffException("rootfs `" + rootfs + "`: "
                    + (Files.exists(absolute) ? "not a directory" : "no such directory"));
        }
        return absolute;
    }

    /**
     * The runtime client. A rootless runtime keeps its state under the user's own root (runc's
     * default, /run/runc, is root's), unless the caller gave {@code --root} itself.
     */
    private static OciRuntime runtimeFor(RunRequest request) throws SkiffException {
        try {
            Path binary = RuntimeBinary.resolve(request.runtime());
            boolean rootGiven = request.runtimeFlags().stream()
                    .anyMatch(f -> f.equals("--root") || f.startsWith("--root="));
            Path root = UserDirs.rootless() && !rootGiven ? UserDirs.runtimeRoot() : null;
            return new OciRuntime(new OciRuntime.Global(binary, root, request.runtimeFlags()));
        } catch (IOException e) {
            throw new SkiffException(e.getMessage(), e);
        }
    }
}
