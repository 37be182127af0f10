package dev.skiff.spec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.Set;

/**
 * Computes the container's capability set the way buildah's {@code setupCapabilities} does: the
 * default set, then each round's adds, then its drops, in order (the builder's round, then the
 * run's). A capability listed in both the adds and the drops of one round ends up dropped, as in
 * buildah, and a drop of {@code ALL} empties the set, this round's adds included.
 *
 * <p>The one set is used for bounding, effective and permitted. Inheritable stays empty (filling
 * it was CVE-2022-27651) and so does ambient: today's buildah stopped setting it in 2024, and with
 * an empty inheritable set the kernel would not raise ambient capabilities anyway.
 */
final class CapabilitySets {
    private CapabilitySets() {}

    /**
     * @param defaults the starting set, {@code CAP_*} names (or {@code ALL})
     * @param rounds applied in order
     * @param hostBounding what {@code ALL} adds
     */
    static List<String> compute(List<String> defaults, List<CapabilityChanges> rounds, Set<Capability> hostBounding) {
        SequencedSet<String> set = new LinkedHashSet<>();
        add(set, defaults.stream().map(CapabilityChanges::normalize).toList(), hostBounding);
        for (CapabilityChanges round : rounds) {
            add(set, round.adds(), hostBounding);
            drop(set, round.drops());
        }
        return List.copyOf(set);
    }

    /** Bounding, effective and permitted get {@code set}; inheritable and ambient stay empty. */
    static Capabilities forRoot(List<String> set) {
        return new Capabilities(set, set, List.of(), set, List.of());
    }

    /**
     * A non-root process keeps only the bounding set, as in buildah: it gains capabilities only
     * by executing a file that has them, up to the bound.
     */
    static Capabilities forNonRoot(List<String> set) {
        return new Capabilities(set, List.of(), List.of(), List.of(), List.of());
    }

    private static void add(Set<String> set, List<String> names, Set<Capability> hostBounding) {
        for (String name : names) {
            if (name.equals(CapabilityChanges.ALL)) {
                hostBounding.stream().sorted().map(Capability::name).forEach(set::add);
            } else {
                set.add(name);
            }
        }
    }

    private static void drop(Set<String> set, List<String> names) {
        if (names.contains(CapabilityChanges.ALL)) {
            set.clear();
            return;
        }
        names.forEach(set::remove);
    }
}
