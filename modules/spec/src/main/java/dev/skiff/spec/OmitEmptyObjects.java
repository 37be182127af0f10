package dev.skiff.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Lets {@code NON_EMPTY} drop a nested object whose every property is itself omitted, so the
 * output never holds {@code "resources": {}}. Jackson treats any bean as non-empty; this asks the
 * real serializer instead, so the rule stays exact whatever the record's inclusion settings.
 */
final class OmitEmptyObjects extends BeanSerializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    @SuppressWarnings("unchecked")
    public JsonSerializer<?> modifySerializer(
            SerializationConfig config, BeanDescription description, JsonSerializer<?> serializer) {
        if (serializer instanceof BeanSerializerBase) {
            return new EmptyAware((JsonSerializer<Object>) serializer);
        }
        return serializer;
    }

    /** Delegates everything; only {@link #isEmpty} differs. */
    private static final class EmptyAware extends JsonSerializer<Object>
            implements ContextualSerializer, ResolvableSerializer {
        private final JsonSerializer<Object> delegate;

        EmptyAware(JsonSerializer<Object> delegate) {
            this.delegate = delegate;
        }

        @Override
        public void resolve(SerializerProvider provider) throws JsonMappingException {
            if (delegate instanceof ResolvableSerializer resolvable) {
                resolvable.resolve(provider);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws JsonMappingException {
            if (!(delegate instanceof ContextualSerializer contextual)) {
                return this;
            }
            JsonSerializer<?> created = contextual.createContextual(provider, property);
            return created == delegate ? this : new EmptyAware((JsonSerializer<Object>) created);
        }

        @Override
        public Class<Object> handledType() {
            return delegate.handledType();
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            delegate.serialize(value, gen, provider);
        }

        @Override
        public void serializeWithType(Object value, JsonGenerator gen, SerializerProvider provider,
                TypeSerializer typeSerializer) throws IOException {
            delegate.serializeWithType(value, gen, provider, typeSerializer);
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Object value) {
            if (value == null) {
                return true;
            }
            try (TokenBuffer buffer = new TokenBuffer(null, false)) {
                delegate.serialize(value, buffer, provider);
                try (JsonParser tokens = buffer.asParser()) {
                    return tokens.nextToken() == JsonToken.START_OBJECT && tokens.nextToken() == JsonToken.END_OBJECT;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
