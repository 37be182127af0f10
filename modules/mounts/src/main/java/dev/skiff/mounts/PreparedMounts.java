package dev.skiff.mounts;

import dev.skiff.spec.Mount;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@link RunMounts#prepare}: the mounts for config.json, and the handle on
 * what was created for this run in the bundle (hosts, resolv.conf, hostname, secrets/).
 * {@link #close()} removes those; call it on every exit path once runc has deleted the
 * container. Image volumes are persistent and stay (see {@link ContainerDirs}).
 */
public final class PreparedMounts implements AutoCloseable {
    private final List<Mount> mounts;
    private final CreatedFiles created;

    PreparedMounts(List<Mount> mounts, CreatedFiles created) {
        this.mounts = List.copyOf(mounts);
        this.created = created;
    }

    /** The final mount list, for {@code Spec.withMounts}. */
    public List<Mount> mounts() {
        return mounts;
    }

    /** The files and directories this run created in the bundle, until {@link #close()}. */
    public List<Path> createdFiles() {
        return created.paths();
    }

    /** Removes the run's bundle-side copies. Idempotent. */
    @Override
    public void close() throws MountException {
        try {
            created.deleteAll();
        } catch (IOException e) {
            throw new MountException("remove this run's copies in the bundle: " + e.getMessage(), null, e);
        }
    }
}
