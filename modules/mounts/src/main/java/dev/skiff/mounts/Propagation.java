package dev.skiff.mounts;

import java.util.Optional;

/** Mount propagation of a bind volume, spelled as the OCI mount option. {@code private} is the default. */
public enum Propagation {
    PRIVATE, RPRIVATE, SHARED, RSHARED, SLAVE, RSLAVE, UNBINDABLE, RUNBINDABLE;

    /** The option as runc reads it ({@code private}, {@code rslave}, ...). */
    public String option() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The propagation an option names, if it names one. */
    public static Optional<Propagation> of(String option) {
        for (Propagation p : values()) {
            if (p.option().equals(option)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
