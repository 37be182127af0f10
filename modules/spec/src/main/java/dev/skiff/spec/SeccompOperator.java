package dev.skiff.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a seccomp rule compares a syscall argument; JSON uses libseccomp's names ({@code SCMP_CMP_EQ}). */
public enum SeccompOperator {
    NE,
    LT,
    LE,
    EQ,
    GE,
    GT,
    MASKED_EQ;

    private static final String PREFIX = "SCMP_CMP_";

    @JsonValue
    public String specName() {
        return PREFIX + name();
    }

    /** Accepts {@code SCMP_CMP_EQ} or {@code eq}, in any case. */
    @JsonCreator
    public static SeccompOperator parse(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        String bare = upper.startsWith(PREFIX) ? upper.substring(PREFIX.length()) : upper;
        for (SeccompOperator value : values()) {
            if (value.name().equals(bare)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown seccomp operator `" + name + "`");
    }

    @Override
    public String toString() {
        return specName();
    }
}
