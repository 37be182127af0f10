package dev.skiff.mounts;

import java.util.List;

/**
 * The identity a container process runs as, resolved from a {@link UserSpec} against the
 * rootfs's /etc/passwd and /etc/group: what goes into the OCI {@code process.user}, plus
 * the home directory for {@code HOME}. Ids are unsigned 32-bit values.
 *
 * @param additionalGids the supplementary groups, primary group first (as today's buildah
 *                       sets them), each once
 * @param home           the passwd entry's home directory, or "/" when there is none
 */
public record ContainerUser(long uid, long gid, List<Long> additionalGids, String home) {
    public ContainerUser {
        additionalGids = List.copyOf(additionalGids);
    }
}
