package dev.skiff.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Defensive copies for record components: absent collections become empty, never null. */
final class Copies {
    private Copies() {}

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** Keeps insertion order (Map.copyOf would not); values may be null (JSON null). */
    static <V> Map<String, V> map(Map<String, V> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** String-to-string maps are sorted by key, the order Go's encoding/json prints them in. */
    static Map<String, String> sortedMap(Map<String, String> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    static long uint32(long value, String name) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " out of uint32 range: " + value);
        }
        return value;
    }

    static Long uint32(Long value, String name) {
        return value == null ? null : uint32(value.longValue(), name);
    }
}
