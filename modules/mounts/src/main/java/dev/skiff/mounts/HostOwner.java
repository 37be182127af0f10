package dev.skiff.mounts;

/**
 * The host uid and gid that appear as root (0:0) inside the container: 0:0 without a
 * user namespace, the mapped ids with one. Files Skiff creates for the container
 * (bound files, secrets, new image-volume directories) get this owner.
 */
public record HostOwner(int uid, int gid) {
    public static final HostOwner ROOT = new HostOwner(0, 0);

    public HostOwner {
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("host owner ids must be non-negative: " + uid + ":" + gid);
        }
    }
}
