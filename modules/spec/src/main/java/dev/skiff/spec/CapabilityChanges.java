package dev.skiff.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One round of {@code --cap-add}/{@code --cap-drop}: the adds are applied first, then the drops.
 * Names are normalised on the way in: {@code net_raw}, {@code NET_RAW} and {@code cap_net_raw}
 * are all {@code CAP_NET_RAW}; {@code all} in any case (or {@code CAP_ALL}) is {@link #ALL}.
 *
 * @param adds {@code CAP_*} names or {@link #ALL}, which means every capability in the host's
 *     bounding set
 * @param drops {@code CAP_*} names or {@link #ALL}, which empties every set
 */
public record CapabilityChanges(List<String> adds, List<String> drops) {
    public static final String ALL = "ALL";

    public static final CapabilityChanges NONE = new CapabilityChanges(List.of(), List.of());

    public CapabilityChanges {
        adds = normalize(adds);
        drops = normalize(drops);
    }

    public CapabilityChanges withAdds(List<String> names) {
        return new CapabilityChanges(concat(adds, names), drops);
    }

    public CapabilityChanges withDrops(List<String> names) {
        return new CapabilityChanges(adds, concat(drops, names));
    }

    /**
     * {@code CAP_NET_RAW} for any spelling of a known capability, {@link #ALL} for {@code all}.
     *
     * @throws SpecException naming the name when it is not a capability this build knows
     */
    public static String normalize(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (upper.equals(ALL) || upper.equals("CAP_" + ALL)) {
            return ALL;
        }
        try {
            return Capability.parse(name).name();
        } catch (IllegalArgumentException e) {
            throw new SpecException("capability", name, "unknown capability", e);
        }
    }

    private static List<String> normalize(List<String> names) {
        return names == null ? List.of() : names.stream().map(CapabilityChanges::normalize).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
