package dev.skiff.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.math.BigInteger;

/** The JSON side of {@link Unsigned64}. */
final class Unsigned64Json {
    private static final BigInteger RANGE = BigInteger.ONE.shiftLeft(64);

    private Unsigned64Json() {}

    /** Prints the 64 bits as an unsigned decimal number. */
    static final class Serializer extends StdScalarSerializer<Long> {
        private static final long serialVersionUID = 1L;

        Serializer() {
            super(Long.class);
        }

        @Override
        public void serialize(Long value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value >= 0) {
                gen.writeNumber(value.longValue());
            } else {
                gen.writeNumber(Long.toUnsignedString(value));
            }
        }
    }

    /**
     * Reads 0 .. 2^64-1 into the 64 bits of a long; anything else is an error, as in Go. An
     * absent or null value is null for a {@code Long} and 0 for a {@code long}.
     */
    static final class Deserializer extends StdScalarDeserializer<Long> implements ContextualDeserializer {
        private static final long serialVersionUID = 1L;

        private final Long missing;

        Deserializer() {
            this(null);
        }

        private Deserializer(Long missing) {
            super(Long.class);
            this.missing = missing;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            boolean primitive = property != null && property.getType().isPrimitive();
            return primitive ? new Deserializer(0L) : this;
        }

        @Override
        public Long getNullValue(DeserializationContext ctxt) {
            return missing;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return missing;
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                return (Long) ctxt.handleUnexpectedToken(Long.class, p);
            }
            BigInteger value = p.getBigIntegerValue();
            if (value.signum() < 0 || value.compareTo(RANGE) >= 0) {
                return (Long) ctxt.handleWeirdNumberValue(Long.class, value, "not an unsigned 64-bit integer");
            }
            return value.longValue();
        }
    }
}
