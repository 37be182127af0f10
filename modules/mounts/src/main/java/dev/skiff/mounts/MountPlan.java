package dev.skiff.mounts;

import dev.skiff.spec.Mount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The final OCI mount list, pure: no file is read or created here (only the existence of
 * /dev/shm, /dev/mqueue and /sys on the host is asked, for the rewrites).
 *
 * <p>Precedence is the seed's, first destination wins: volumes for this run, volumes
 * given when the container was defined, image volumes, secrets, bound files, the
 * generated spec mounts (rewritten, see {@link SpecMountRewrites}), the cgroup mount.
 *
 * <p>Order differs from the seed on purpose, as today's buildah ({@code util.SortMounts}):
 * the survivors are sorted by depth, then by path, stably, so a parent is always mounted
 * before its children. In the seed's order a volume on {@code /dev/foo} came before the
 * {@code /dev} tmpfs and was hidden by it.
 */
public final class MountPlan {
    private MountPlan() {}

    /**
     * What the plan is made of. Lists are in their own precedence order.
     *
     * @param shmSize the tmpfs size of /dev/shm ({@code --shm-size}); null means 65536k (64 MiB)
     */
    public record Input(
            List<Mount> runVolumes,
            List<Mount> containerVolumes,
            List<Mount> imageVolumes,
            List<Mount> secrets,
            List<Mount> boundFiles,
            List<Mount> specMounts,
            NamespaceFlags namespaces,
            String shmSize) {

        public Input {
            runVolumes = List.copyOf(runVolumes);
            containerVolumes = List.copyOf(containerVolumes);
            imageVolumes = List.copyOf(imageVolumes);
            secrets = List.copyOf(secrets);
            boundFiles = List.copyOf(boundFiles);
            specMounts = List.copyOf(specMounts);
            java.util.Objects.requireNonNull(namespaces, "namespaces");
            if (shmSize != null && !TmpfsSize.isValid(shmSize)) {
                throw new IllegalArgumentException(TmpfsSize.problem(shmSize));
            }
        }
    }

    /** The mounts for config.json. */
    public static List<Mount> plan(Input input) {
        return plan(input, path -> Files.exists(Path.of(path)));
    }

    /** {@link #plan(Input)} with the host's paths answered by {@code hostHas} (for tests). */
    static List<Mount> plan(Input input, Predicate<String> hostHas) {
        String shmSize = input.shmSize() != null ? input.shmSize() : TmpfsSize.DEFAULT_SHM_SIZE;
        List<Mount> all = new ArrayList<>();
        all.addAll(input.runVolumes());
        all.addAll(input.containerVolumes());
        all.addAll(input.imageVolumes());
        all.addAll(input.secrets());
        all.addAll(input.boundFiles());
        all.addAll(SpecMountRewrites.apply(input.specMounts(), input.namespaces(), shmSize, hostHas));
        return firstDestinationWins(sortedParentsFirst(all));
    }

    /** Stable: equal destinations keep their precedence order. */
    static List<Mount> sortedParentsFirst(List<Mount> mounts) {
        List<Mount> sorted = new ArrayList<>(mounts);
        sorted.sort(Comparator.comparingInt((Mount m) -> CleanPath.depth(destination(m)))
                .thenComparing(MountPlan::destination));
        return sorted;
    }

    private static List<Mount> firstDestinationWins(List<Mount> mounts) {
        Set<String> taken = new HashSet<>();
        List<Mount> kept = new ArrayList<>();
        for (Mount mount : mounts) {
            if (taken.add(destination(mount))) {
                kept.add(mount);
            }
        }
        return List.copyOf(kept);
    }

    private static String destination(Mount mount) {
        return CleanPath.clean(mount.destination());
    }
}
