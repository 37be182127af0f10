/** Mount planning, rootfs-confined file access, users and groups, default root filesystems. */
module dev.skiff.mounts {
    requires transitive dev.skiff.libc;
    requires transitive dev.skiff.spec;

    exports dev.skiff.mounts;
}
