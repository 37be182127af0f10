package dev.skiff.mounts;

import dev.skiff.spec.Mount;

/**
 * One validated {@code -v/--volume} or {@code --mount} value. Parsing checks everything
 * that can be checked before a run creates anything: syntax, options and their conflicts,
 * absolute paths, and that a bind source exists on the host.
 */
public sealed interface VolumeSpec permits BindVolume, TmpfsVolume {
    /** The value as given, for messages. */
    String spec();

    /** Where it is mounted in the container: absolute and cleaned ({@code /data}, not {@code /data/}). */
    String destination();

    /** The OCI mount runc performs for it. */
    Mount toMount();

    /**
     * Parses {@code -v/--volume HOST:CONTAINER[:OPTIONS]}. Options, comma-separated:
     * {@code rw} (default) or {@code ro}; {@code z} or {@code Z}; one propagation
     * ({@code private}, the default, {@code rprivate}, {@code shared}, {@code rshared},
     * {@code slave}, {@code rslave}, {@code unbindable}, {@code runbindable});
     * {@code rbind} (default) or {@code bind}; {@code nosuid}/{@code suid},
     * {@code nodev}/{@code dev}, {@code noexec}/{@code exec}. A {@code :} in the host
     * path is written {@code \:} (as in buildah), or the volume is given with --mount.
     */
    static VolumeSpec parseVolume(String spec) throws MountException {
        return VolumeFlag.parse(spec);
    }

    /**
     * Parses {@code --mount type=bind,source=HOST,destination=CONTAINER[,ro][,bind-propagation=P]}
     * or {@code --mount type=tmpfs,destination=CONTAINER[,tmpfs-size=SIZE][,tmpfs-mode=OCTAL]},
     * with the aliases {@code src}, {@code dst}/{@code target}, {@code readonly}.
     */
    static VolumeSpec parseMount(String spec) throws MountException {
        return MountFlag.parse(spec);
    }
}
