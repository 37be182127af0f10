package dev.skiff.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What seccomp does when a rule matches; JSON uses libseccomp's names ({@code SCMP_ACT_ERRNO}). */
public enum SeccompAction {
    KILL,
    KILL_PROCESS,
    KILL_THREAD,
    TRAP,
    ERRNO,
    TRACE,
    ALLOW,
    LOG,
    NOTIFY;

    private static final String PREFIX = "SCMP_ACT_";

    @JsonValue
    public String specName() {
        return PREFIX + name();
    }

    /** Accepts {@code SCMP_ACT_ERRNO} or {@code errno}, in any case. */
    @JsonCreator
    public static SeccompAction parse(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        String bare = upper.startsWith(PREFIX) ? upper.substring(PREFIX.length()) : upper;
        for (SeccompAction value : values()) {
            if (value.name().equals(bare)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown seccomp action `" + name + "`");
    }

    @Override
    public String toString() {
        return specName();
    }
}
