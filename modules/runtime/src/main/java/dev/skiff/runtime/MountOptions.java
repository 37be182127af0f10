package dev.skiff.runtime;

import dev.skiff.mounts.ExtraHost;
import dev.skiff.mounts.MountException;
import dev.skiff.mounts.VolumeSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * A run's volumes and bound files, as given ({@code -v}, {@code --mount},
 * {@code --add-host}, ...). {@link #validate()} parses every spec, so a bad one is
 * reported before anything is created.
 *
 * @param volumes    {@code -v HOST:CONTAINER[:OPTIONS]}
 * @param mountSpecs {@code --mount type=...,...}
 * @param addHosts   {@code --add-host NAME:IP}
 * @param noHosts    leave /etc/hosts as the image has it
 * @param shmSize    the size of /dev/shm, e.g. {@code 64m}; null for the default
 * @param mountsConf a secrets mounts.conf to use instead of the system's; null for the system's
 */
public record MountOptions(List<String> volumes, List<String> mountSpecs, List<String> addHosts,
        boolean noHosts, String shmSize, Path mountsConf) {

    public static final MountOptions NONE = new MountOptions(List.of(), List.of(), List.of(), false, null, null);

    public MountOptions {
        volumes = List.copyOf(volumes);
        mountSpecs = List.copyOf(mountSpecs);
        addHosts = List.copyOf(addHosts);
    }

    /** Every volume and mount spec, parsed, in the order given: {@code -v} first. */
    public List<VolumeSpec> parsedVolumes() throws MountException {
        List<VolumeSpec> parsed = new java.util.ArrayList<>();
        for (String v : volumes) {
            parsed.add(VolumeSpec.parseVolume(v));
        }
        for (String m : mountSpecs) {
            parsed.add(VolumeSpec.parseMount(m));
        }
        return parsed;
    }

    public List<ExtraHost> parsedAddHosts() throws MountException {
        List<ExtraHost> parsed = new java.util.ArrayList<>();
        for (String h : addHosts) {
            parsed.add(ExtraHost.parse(h));
        }
        return parsed;
    }

    /** Parses everything; the first bad spec is the error. */
    public void validate() throws MountException {
        parsedVolumes();
        parsedAddHosts();
    }
}
