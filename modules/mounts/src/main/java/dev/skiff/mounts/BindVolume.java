package dev.skiff.mounts;

import dev.skiff.spec.Mount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A host directory or file bind-mounted into the container.
 *
 * @param source    the host path (absolute; it existed when parsed)
 * @param recursive {@code rbind} (the default) rather than {@code bind}
 * @param flags     {@code nosuid}/{@code suid}, {@code nodev}/{@code dev}, {@code noexec}/{@code exec} as given
 */
public record BindVolume(
        String spec,
        Path source,
        String destination,
        boolean readOnly,
        Propagation propagation,
        boolean recursive,
        Relabel relabel,
        List<String> flags) implements VolumeSpec {

    public BindVolume {
        flags = List.copyOf(flags);
    }

    /**
     * Options as buildah's {@code runSetupVolumeMounts} leaves them: rw or ro, the flags, the
     * propagation, then rbind (z/Z are acted on before the run, not passed to runc).
     */
    @Override
    public Mount toMount() {
        List<String> options = new ArrayList<>();
        options.add(readOnly ? "ro" : "rw");
        options.addAll(flags);
        options.add(propagation.option());
        options.add(recursive ? "rbind" : "bind");
        return Mount.of(destination, "bind", source.toString(), options);
    }
}
