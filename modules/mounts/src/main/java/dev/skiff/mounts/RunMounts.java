package dev.skiff.mounts;

import dev.skiff.spec.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The mounts of one run, prepared: the seed's setupMounts as a flat chain of steps.
 * <ol>
 *   <li>check everything that can be checked: shm size, bound-file options, image volume
 *       paths, the bundle, and read mounts.conf — nothing is created before this passes;
 *   <li>relabel z/Z volumes (SELinux hosts only);
 *   <li>fill new image volumes (persistent), skipping paths a volume covers;
 *   <li>copy secrets and write bound files into the bundle, skipping covered paths;
 *   <li>plan ({@link MountPlan}).
 * </ol>
 * If a step fails, what this run created in the bundle is removed before the error is
 * thrown; a filled image volume stays, as it would after a successful run.
 */
public final class RunMounts {
    private final Path hostEtc;
    private final Predicate<String> hostHas;

    private RunMounts(Path hostEtc, Predicate<String> hostHas) {
        this.hostEtc = hostEtc;
        this.hostHas = hostHas;
    }

    /** Prepares the run's mounts; close the result when the run is over. */
    public static PreparedMounts prepare(MountRequest request) throws MountException {
        return new RunMounts(Path.of("/etc"), path -> Files.exists(Path.of(path))).run(request);
    }

    /** With the host's /etc and paths stood in for (tests). */
    static PreparedMounts prepare(MountRequest request, Path hostEtc, Predicate<String> hostHas) throws MountException {
        return new RunMounts(hostEtc, hostHas).run(request);
    }

    private PreparedMounts run(MountRequest request) throws MountException {
        String shmSize = TmpfsSize.checkShmSize(request.shmSize());
        request.boundFiles().check();
        for (String volume : request.imageVolumes()) {
            ImageVolumes.checkPath(volume);
        }
        if (!Files.isDirectory(request.bundle())) {
            throw MountException.invalid("bundle", request.bundle().toString(), "not a directory");
        }
        Optional<MountsConf> secrets = MountsConf.load(request.mountsConfSearchPath());

        relabel(request);
        CreatedFiles created = new CreatedFiles();
        try {
            return new PreparedMounts(plan(request, shmSize, secrets, created), created);
        } catch (MountException e) {
            throw removeCreated(created, e);
        } catch (IOException e) {
            throw removeCreated(created, MountException.failed("bundle", request.bundle().toString(), e));
        } catch (RuntimeException e) {
            throw removeCreated(created, e);
        }
    }

    /** Undoes this run's bundle copies after a failure; returns {@code failure} with any removal error suppressed. */
    private static <T extends Exception> T removeCreated(CreatedFiles created, T failure) {
        try {
            created.deleteAll();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    private List<Mount> plan(MountRequest request, String shmSize, Optional<MountsConf> secrets,
            CreatedFiles created) throws IOException {
        List<Mount> runVolumes = toMounts(request.runVolumes());
        List<Mount> containerVolumes = toMounts(request.containerVolumes());
        Set<String> covered = destinations(runVolumes, containerVolumes);

        List<Mount> imageVolumes = imageVolumes(request, covered);
        covered.addAll(destinations(imageVolumes));

        List<Mount> secretMounts = secrets.isEmpty() ? List.of()
                : SecretMounts.copy(secrets.get(), request.bundle(), request.containerRoot(), covered, created);
        covered.addAll(destinations(secretMounts));

        List<Mount> boundFiles = new BoundFiles(hostEtc)
                .write(request.bundle(), request.boundFiles(), request.containerRoot(), covered, created);

        MountPlan.Input input = new MountPlan.Input(runVolumes, containerVolumes, imageVolumes, secretMounts,
                boundFiles, request.specMounts(), request.namespaces(), shmSize);
        return MountPlan.plan(input, hostHas);
    }

    private static List<Mount> imageVolumes(MountRequest request, Set<String> covered) throws IOException {
        List<String> wanted = new ArrayList<>();
        for (String volume : request.imageVolumes()) {
            // A volume given for the run or container replaces the image's; its copy would be unused.
            String clean = ImageVolumes.checkPath(volume);
            if (!covered.contains(clean) && !wanted.contains(clean)) {
                wanted.add(clean);
            }
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        try (RootfsAccess rootfs = RootfsAccess.open(request.rootfs())) {
            return new ImageVolumes(rootfs, request.containerDirs(), request.containerRoot()).prepare(wanted);
        }
    }

    /** z/Z: relabel on an SELinux host with a mount label; elsewhere said once and ignored. */
    private static void relabel(MountRequest request) throws MountException {
        for (VolumeSpec volume : concat(request.runVolumes(), request.containerVolumes())) {
            if (!(volume instanceof BindVolume bind) || bind.relabel() == Relabel.NONE) {
                continue;
            }
            if (!SeLinux.enabled()) {
                SeLinux.noteIgnored(bind.spec());
                continue;
            }
            if (request.mountLabel() == null || request.mountLabel().isEmpty()) {
                continue; // go-selinux's Relabel does nothing without a label either
            }
            try {
                SeLinux.checkRelabelable(bind.source());
                SeLinux.relabel(bind.source(), SeLinux.label(request.mountLabel(), bind.relabel() == Relabel.SHARED));
            } catch (IOException | IllegalArgumentException e) {
                throw new MountException("volume `" + bind.spec() + "`: " + e.getMessage(), bind.spec(), e);
            }
        }
    }

    private static List<Mount> toMounts(List<VolumeSpec> volumes) {
        return volumes.stream().map(VolumeSpec::toMount).toList();
    }

    @SafeVarargs
    private static Set<String> destinations(List<Mount>... lists) {
        Set<String> set = new HashSet<>();
        for (List<Mount> list : lists) {
            for (Mount mount : list) {
                set.add(CleanPath.clean(mount.destination()));
            }
        }
        return set;
    }

    private static List<VolumeSpec> concat(List<VolumeSpec> a, List<VolumeSpec> b) {
        List<VolumeSpec> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
