package dev.skiff.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The Linux namespace kinds of the runtime spec; JSON spells them in lower case. */
public enum NamespaceType {
    PID,
    NETWORK,
    MOUNT,
    IPC,
    UTS,
    USER,
    CGROUP,
    TIME;

    /** The spec's spelling: {@code "pid"}, {@code "network"}, ... */
    @JsonValue
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts the spec's spelling in any case ({@code "network"}, {@code "NETWORK"}). */
    @JsonCreator
    public static NamespaceType parse(String name) {
        for (NamespaceType type : values()) {
            if (type.name().equalsIgnoreCase(name.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown namespace type `" + name + "`");
    }

    @Override
    public String toString() {
        return specName();
    }
}
