package dev.skiff.spec;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A {@link JsonGenerator} with Go's {@code omitempty}: the field helpers skip null, {@code ""},
 * empty lists and maps, and an object property whose fields were all skipped is dropped too. That
 * last rule is why a property object is opened lazily: its name and brace are written only when
 * its first field is, and closing an object that never got one writes nothing. Objects inside
 * arrays are always written, {@code {}} when empty, as Go and databind write them.
 */
final class JsonOut {
    /** Writes one element or one object's fields. */
    interface Part<T> {
        void write(JsonOut out, T value) throws IOException;
    }

    private final JsonGenerator gen;

    /** Names of the object properties begun but not yet written, outermost first. */
    private final Deque<String> pending = new ArrayDeque<>();

    JsonOut(JsonGenerator gen) {
        this.gen = gen;
    }

    // ---- objects ----

    /** The root object, or an object that is printed even when empty ({@code capabilities}). */
    void startObject() throws IOException {
        flush();
        gen.writeStartObject();
    }

    void startObject(String name) throws IOException {
        flush();
        gen.writeFieldName(name);
        gen.writeStartObject();
    }

    /** Begins an object property that is omitted if no field of it is written. */
    void startOmittable(String name) {
        pending.addLast(name);
    }

    /** Ends the innermost object, whichever way it began. */
    void endObject() throws IOException {
        if (pending.isEmpty()) {
            gen.writeEndObject();
        } else {
            pending.removeLast();
        }
    }

    /** Writes {@code value}'s fields with {@code part} in an object omitted when they all are. */
    <T> void object(String name, T value, Part<T> part) throws IOException {
        if (value != null) {
            startOmittable(name);
            part.write(this, value);
            endObject();
        }
    }

    private void flush() throws IOException {
        while (!pending.isEmpty()) {
            gen.writeFieldName(pending.removeFirst());
            gen.writeStartObject();
        }
    }

    private JsonGenerator field(String name) throws IOException {
        flush();
        gen.writeFieldName(name);
        return gen;
    }

    // ---- scalar fields ----

    void string(String name, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            field(name).writeString(value);
        }
    }

    /** One of the spec's enums, whose {@code toString} is its JSON spelling ({@code specName}); omitted when null. */
    void name(String name, Enum<?> value) throws IOException {
        if (value != null) {
            field(name).writeString(value.toString());
        }
    }

    void number(String name, long value) throws IOException {
        field(name).writeNumber(value);
    }

    void number(String name, Long value) throws IOException {
        if (value != null) {
            field(name).writeNumber(value.longValue());
        }
    }

    void number(String name, Integer value) throws IOException {
        if (value != null) {
            field(name).writeNumber(value.intValue());
        }
    }

    /** A Go {@code uint64} kept in a long ({@link Unsigned64}). */
    void unsigned(String name, long value) throws IOException {
        field(name);
        unsigned(value);
    }

    void unsigned(String name, Long value) throws IOException {
        if (value != null) {
            unsigned(name, value.longValue());
        }
    }

    private void unsigned(long value) throws IOException {
        if (value >= 0) {
            gen.writeNumber(value);
        } else {
            gen.writeNumber(Long.toUnsignedString(value));
        }
    }

    void bool(String name, boolean value) throws IOException {
        field(name).writeBoolean(value);
    }

    void bool(String name, Boolean value) throws IOException {
        if (value != null) {
            bool(name, value.booleanValue());
        }
    }

    /** A flag Go prints only when set ({@code @JsonInclude(NON_DEFAULT)} in the record). */
    void flag(String name, boolean value) throws IOException {
        if (value) {
            bool(name, true);
        }
    }

    // ---- arrays and maps ----

    /** An array of objects, each written by {@code part} and printed even when empty. */
    <T> void objects(String name, List<T> values, Part<T> part) throws IOException {
        if (!values.isEmpty()) {
            field(name).writeStartArray();
            for (T value : values) {
                gen.writeStartObject();
                part.write(this, value);
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
    }

    void strings(String name, List<String> values) throws IOException {
        if (!values.isEmpty()) {
            field(name).writeStartArray();
            for (String value : values) {
                gen.writeString(value);
            }
            gen.writeEndArray();
        }
    }

    void numbers(String name, List<Long> values) throws IOException {
        if (!values.isEmpty()) {
            field(name).writeStartArray();
            for (Long value : values) {
                gen.writeNumber(value.longValue());
            }
            gen.writeEndArray();
        }
    }

    /** A string map; its entries are all printed, null values as {@code null}. */
    void stringMap(String name, Map<String, String> values) throws IOException {
        if (!values.isEmpty()) {
            field(name).writeStartObject();
            for (Map.Entry<String, String> entry : values.entrySet()) {
                gen.writeFieldName(entry.getKey());
                gen.writeString(entry.getValue());
            }
            gen.writeEndObject();
        }
    }

    /** The properties a record keeps but does not name: each written as it is, null and empty included. */
    void extensions(Map<String, Object> extensions) throws IOException {
        for (Map.Entry<String, Object> entry : extensions.entrySet()) {
            if (entry.getKey() == null) {
                throw new JsonGenerationException("Null key for a Map not allowed in JSON", gen);
            }
            field(entry.getKey());
            value(entry.getValue());
        }
    }

    /**
     * A JSON tree as read into the extension maps. Anything else a caller put there (a record,
     * an enum) goes through databind, which printed it before this writer existed.
     */
    private void value(Object value) throws IOException {
        switch (value) {
            case null -> gen.writeNull();
            case String s -> gen.writeString(s);
            case Boolean b -> gen.writeBoolean(b);
            case Integer i -> gen.writeNumber(i.intValue());
            case Long l -> gen.writeNumber(l.longValue());
            case Double d -> gen.writeNumber(d.doubleValue());
            case BigInteger i -> gen.writeNumber(i);
            case BigDecimal d -> gen.writeNumber(d);
            case Map<?, ?> map when map.keySet().stream().allMatch(String.class::isInstance) -> {
                gen.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    gen.writeFieldName((String) entry.getKey());
                    value(entry.getValue());
                }
                gen.writeEndObject();
            }
            case Collection<?> items -> {
                gen.writeStartArray();
                for (Object item : items) {
                    value(item);
                }
                gen.writeEndArray();
            }
            default -> SpecJson.MAPPER.writeValue(gen, value);
        }
    }
}
