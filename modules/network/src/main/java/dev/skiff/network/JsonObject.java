package dev.skiff.network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of one JSON object with typed accessors whose failures name the
 * field's path ({@code plugins[1].ipam.type}), so a malformed config or result says
 * exactly what is wrong.
 */
record JsonObject(String path, Map<String, Object> map) {

    @SuppressWarnings("unchecked")
    static JsonObject of(String path, Object value) throws JsonShapeException {
        if (!(value instanceof Map<?, ?> m)) {
            throw new JsonShapeException(path + ": expected an object, found " + kind(value));
        }
        return new JsonObject(path, Collections.unmodifiableMap((Map<String, Object>) m));
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    String string(String key) throws JsonShapeException {
        return optString(key).orElseThrow(() -> new JsonShapeException(field(key) + ": missing"));
    }

    Optional<String> optString(String key) throws JsonShapeException {
        Object v = map.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw new JsonShapeException(field(key) + ": expected a string, found " + kind(v));
        }
        return Optional.of(s);
    }

    Optional<Integer> optInt(String key) throws JsonShapeException {
        Object v = map.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Integer i) {
            return Optional.of(i);
        }
        if (v instanceof Long l && l == l.intValue()) {
            return Optional.of(l.intValue());
        }
        throw new JsonShapeException(field(key) + ": expected an integer, found " + kind(v));
    }

    /** A boolean; CNI configs in the wild also write {@code "true"} as a string. */
    boolean optBoolean(String key) throws JsonShapeException {
        Object v = map.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new JsonShapeException(field(key) + ": expected true or false, found " + kind(v));
    }

    Optional<JsonObject> optObject(String key) throws JsonShapeException {
        Object v = map.get(key);
        return v == null ? Optional.empty() : Optional.of(of(field(key), v));
    }

    /** A list of objects; absent means empty. */
    List<JsonObject> objects(String key) throws JsonShapeException {
        List<JsonObject> out = new ArrayList<>();
        List<?> list = list(key);
        for (int i = 0; i < list.size(); i++) {
            out.add(of(field(key) + "[" + i + "]", list.get(i)));
        }
        return out;
    }

    /** A list of strings; absent means empty. */
    List<String> strings(String key) throws JsonShapeException {
        List<String> out = new ArrayList<>();
        for (Object item : list(key)) {
            if (!(item instanceof String s)) {
                throw new JsonShapeException(field(key) + ": expected strings, found " + kind(item));
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    private List<?> list(String key) throws JsonShapeException {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new JsonShapeException(field(key) + ": expected a list, found " + kind(v));
        }
        return l;
    }

    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String kind(Object v) {
        return switch (v) {
            case null -> "null";
            case Map<?, ?> m -> "an object";
            case List<?> l -> "a list";
            case String s -> "the string \"" + s + "\"";
            case Boolean b -> b.toString();
            case Number n -> "the number " + n;
            default -> v.getClass().getSimpleName();
        };
    }
}
