package dev.skiff.mounts;

import dev.skiff.spec.Mount;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@link RunMounts#prepare} needs for one run. Build it with {@link #builder}.
 *
 * @param bundle               the run's bundle directory (exists; removed by the runtime)
 * @param rootfs               the container's rootfs on the host
 * @param containerDirs        the container's persistent directories; needed only with image volumes
 * @param runVolumes           {@code -v}/{@code --mount} of this run, in order
 * @param containerVolumes     volumes given when the container was defined
 * @param imageVolumes         the image config's {@code Volumes} paths
 * @param specMounts           the generated spec's mounts ({@code Spec.mounts()})
 * @param namespaces           user namespace, host IPC, host network
 * @param shmSize              {@code --shm-size}; null is 65536k (64 MiB)
 * @param containerRoot        the host ids of the container's root
 * @param boundFiles           hosts, resolv.conf, hostname content and options
 * @param mountsConfSearchPath mounts.conf files, first existing one used (see {@link MountsConf}); empty: no secrets
 * @param mountLabel           the SELinux mount label for z/Z, or null
 */
public record MountRequest(
        Path bundle,
        Path rootfs,
        ContainerDirs containerDirs,
        List<VolumeSpec> runVolumes,
        List<VolumeSpec> containerVolumes,
        List<String> imageVolumes,
        List<Mount> specMounts,
        NamespaceFlags namespaces,
        String shmSize,
        HostOwner containerRoot,
        BoundFilesOptions boundFiles,
        List<Path> mountsConfSearchPath,
        String mountLabel) {

    public MountRequest {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(rootfs, "rootfs");
        runVolumes = List.copyOf(runVolumes);
        containerVolumes = List.copyOf(containerVolumes);
        imageVolumes = List.copyOf(imageVolumes);
        specMounts = List.copyOf(specMounts);
        Objects.requireNonNull(namespaces, "namespaces");
        Objects.requireNonNull(containerRoot, "containerRoot");
        Objects.requireNonNull(boundFiles, "boundFiles");
        mountsConfSearchPath = List.copyOf(mountsConfSearchPath);
        if (!imageVolumes.isEmpty() && containerDirs == null) {
            throw new IllegalArgumentException("image volumes need the container's persistent directory (containerDirs)");
        }
    }

    /**
     * Starts a request with the defaults: no volumes, no spec mounts, private namespaces,
     * 65536k shm, container root 0:0, the host's hosts and resolv.conf, the default
     * mounts.conf search path for the current user, no mount label.
     */
    public static Builder builder(Path bundle, Path rootfs) {
        return new Builder(bundle, rootfs);
    }

    /** A mutable builder; each setter returns it. */
    public static final class Builder {
        private final Path bundle;
        private final Path rootfs;
        private ContainerDirs containerDirs;
        private List<VolumeSpec> runVolumes = List.of();
        private List<VolumeSpec> containerVolumes = List.of();
        private List<String> imageVolumes = List.of();
        private List<Mount> specMounts = List.of();
        private NamespaceFlags namespaces = NamespaceFlags.PRIVATE;
        private String shmSize;
        private HostOwner containerRoot = HostOwner.ROOT;
        private BoundFilesOptions boundFiles = BoundFilesOptions.DEFAULT;
        private List<Path> mountsConfSearchPath =
                MountsConf.searchPath(dev.skiff.libc.Processes.geteuid() != 0);
        private String mountLabel;

        private Builder(Path bundle, Path rootfs) {
            this.bundle = bundle;
            this.rootfs = rootfs;
        }

        public Builder containerDirs(ContainerDirs value) {
            containerDirs = value;
            return this;
        }

        public Builder runVolumes(List<VolumeSpec> value) {
            runVolumes = value;
            return this;
        }

        public Builder containerVolumes(List<VolumeSpec> value) {
            containerVolumes = value;
            return this;
        }

        public Builder imageVolumes(List<String> value) {
            imageVolumes = value;
            return this;
        }

        public Builder specMounts(List<Mount> value) {
            specMounts = value;
            return this;
        }

        public Builder namespaces(NamespaceFlags value) {
            namespaces = value;
            return this;
        }

        public Builder shmSize(String value) {
            shmSize = value;
            return this;
        }

        public Builder containerRoot(HostOwner value) {
            containerRoot = value;
            return this;
        }

        public Builder boundFiles(BoundFilesOptions value) {
            boundFiles = value;
            return this;
        }

        /** One mounts.conf to read instead of the search path ({@code --mounts-conf}-style). */
        public Builder mountsConf(Path file) {
            mountsConfSearchPath = List.of(file);
            return this;
        }

        public Builder mountsConfSearchPath(List<Path> value) {
            mountsConfSearchPath = value;
            return this;
        }

        public Builder noSecrets() {
            mountsConfSearchPath = List.of();
            return this;
        }

        public Builder mountLabel(String value) {
            mountLabel = value;
            return this;
        }

        public MountRequest build() {
            return new MountRequest(bundle, rootfs, containerDirs, runVolumes, containerVolumes, imageVolumes,
                    specMounts, namespaces, shmSize, containerRoot, boundFiles, mountsConfSearchPath, mountLabel);
        }
    }
}
