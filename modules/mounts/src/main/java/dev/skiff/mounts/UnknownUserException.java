package dev.skiff.mounts;

import java.io.IOException;
import java.nio.file.Path;

/** A user or group name in a {@link UserSpec} has no entry in the rootfs's /etc/passwd or /etc/group. */
public final class UnknownUserException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final transient Path rootfs;

    private UnknownUserException(String message, String name, Path rootfs) {
        super(message);
        this.name = name;
        this.rootfs = rootfs;
    }

    static UnknownUserException user(UserSpec spec, Path rootfs, boolean fileMissing) {
        return of("user", spec.user(), spec, rootfs, "/etc/passwd", fileMissing);
    }

    static UnknownUserException group(UserSpec spec, Path rootfs, boolean fileMissing) {
        return of("group", spec.group(), spec, rootfs, "/etc/group", fileMissing);
    }

    private static UnknownUserException of(
            String kind, String name, UserSpec spec, Path rootfs, String file, boolean fileMissing) {
        String why = fileMissing ? "the rootfs has no " + file : "no entry in " + file;
        return new UnknownUserException("unknown " + kind + " `" + name + "` (user spec `" + spec + "`): " + why
                + " of rootfs `" + rootfs + "`", name, rootfs);
    }

    /** The user or group name that was not found. */
    public String name() {
        return name;
    }

    /** The host path of the rootfs that was searched. */
    public Path rootfs() {
        return rootfs;
    }
}
