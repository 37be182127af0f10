package dev.skiff.spec;

/**
 * One line of a uid or gid map ({@code linux.uidMappings}, {@code mounts[].uidMappings}). The
 * values are Go {@code uint32}s, held in a {@code long}: the host's own map is
 * {@code 0 0 4294967295}.
 */
public record IdMapping(long containerID, long hostID, long size) {
    public IdMapping {
        Copies.uint32(containerID, "containerID");
        Copies.uint32(hostID, "hostID");
        Copies.uint32(size, "size");
    }
}
