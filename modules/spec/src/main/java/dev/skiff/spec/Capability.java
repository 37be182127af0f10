package dev.skiff.spec;

import java.util.Locale;

/**
 * The Linux capabilities, in kernel order ({@link #number()} is the bit number). The model keeps
 * capability sets as strings, as the spec does, so a name this enum does not know yet still
 * passes through; use {@link #parse} to check and normalise user input.
 */
public enum Capability {
    CAP_CHOWN,
    CAP_DAC_OVERRIDE,
    CAP_DAC_READ_SEARCH,
    CAP_FOWNER,
    CAP_FSETID,
    CAP_KILL,
    CAP_SETGID,
    CAP_SETUID,
    CAP_SETPCAP,
    CAP_LINUX_IMMUTABLE,
    CAP_NET_BIND_SERVICE,
    CAP_NET_BROADCAST,
    CAP_NET_ADMIN,
    CAP_NET_RAW,
    CAP_IPC_LOCK,
    CAP_IPC_OWNER,
    CAP_SYS_MODULE,
    CAP_SYS_RAWIO,
    CAP_SYS_CHROOT,
    CAP_SYS_PTRACE,
    CAP_SYS_PACCT,
    CAP_SYS_ADMIN,
    CAP_SYS_BOOT,
    CAP_SYS_NICE,
    CAP_SYS_RESOURCE,
    CAP_SYS_TIME,
    CAP_SYS_TTY_CONFIG,
    CAP_MKNOD,
    CAP_LEASE,
    CAP_AUDIT_WRITE,
    CAP_AUDIT_CONTROL,
    CAP_SETFCAP,
    CAP_MAC_OVERRIDE,
    CAP_MAC_ADMIN,
    CAP_SYSLOG,
    CAP_WAKE_ALARM,
    CAP_BLOCK_SUSPEND,
    CAP_AUDIT_READ,
    CAP_PERFMON,
    CAP_BPF,
    CAP_CHECKPOINT_RESTORE;

    private static final String PREFIX = "CAP_";

    /** The kernel's capability number (CAP_CHOWN is 0). */
    public int number() {
        return ordinal();
    }

    /**
     * Accepts {@code CAP_NET_RAW}, {@code cap_net_raw}, {@code NET_RAW} or {@code net_raw}.
     *
     * @throws IllegalArgumentException for a name that is not a capability
     */
    public static Capability parse(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        String full = upper.startsWith(PREFIX) ? upper : PREFIX + upper;
        for (Capability capability : values()) {
            if (capability.name().equals(full)) {
                return capability;
            }
        }
        throw new IllegalArgumentException("unknown capability `" + name + "`");
    }
}
