package dev.skiff.mounts;

import dev.skiff.spec.Mount;
import java.util.ArrayList;
import java.util.List;

/**
 * A tmpfs mounted into the container ({@code --mount type=tmpfs}).
 *
 * @param size  the tmpfs {@code size=} value as the kernel reads it ({@code 64m}, {@code 50%}), or null
 * @param mode  the root directory's mode, or null for the kernel's default (1777)
 * @param flags {@code nosuid}, {@code nodev}, {@code noexec} (and their opposites) as given
 */
public record TmpfsVolume(String spec, String destination, boolean readOnly, String size, Integer mode,
        List<String> flags) implements VolumeSpec {

    public TmpfsVolume {
        flags = List.copyOf(flags);
    }

    /** As buildah: rw or ro, the flags, {@code private}, then size and mode. */
    @Override
    public Mount toMount() {
        List<String> options = new ArrayList<>();
        options.add(readOnly ? "ro" : "rw");
        options.addAll(flags);
        options.add(Propagation.PRIVATE.option());
        if (size != null) {
            options.add("size=" + size);
        }
        if (mode != null) {
            options.add("mode=" + Integer.toOctalString(mode));
        }
        return Mount.of(destination, "tmpfs", "tmpfs", options);
    }
}
