package dev.skiff.spec;

/**
 * One entry of {@code linux.devices}: a device node the runtime creates in the container.
 *
 * @param type {@code c}, {@code b}, {@code u} or {@code p}
 * @param fileMode permission bits (a Go {@code os.FileMode}), null for the runtime's default
 * @param uid owner (uint32), null for root
 * @param gid group (uint32), null for root
 */
public record Device(String path, String type, long major, long minor, Long fileMode, Long uid, Long gid) {
    public Device {
        Copies.uint32(fileMode, "fileMode");
        Copies.uint32(uid, "uid");
        Copies.uint32(gid, "gid");
    }
}
