package dev.skiff.spec;

/**
 * One rule of {@code linux.resources.devices}, the device-cgroup allow/deny list. {@code allow}
 * is always printed: {@code {"allow": false, "access": "rwm"}} is the deny-all rule.
 *
 * @param type {@code a}, {@code c} or {@code b}; null for all
 * @param major null for any
 * @param minor null for any
 * @param access some of {@code r}, {@code w}, {@code m}
 */
public record DeviceCgroup(boolean allow, String type, Long major, Long minor, String access) {

    /** Denies every device: runtime-tools' default, the first rule of every container. */
    public static final DeviceCgroup DENY_ALL = new DeviceCgroup(false, null, null, null, "rwm");
}
