package dev.skiff.runtime.monitor;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.lang.reflect.Modifier;
import java.nio.file.Path;

/**
 * The JSON of the control protocol. Generic, so that whatever {@link dev.skiff.runtime.RunRequest}
 * gains round-trips without hand-written code: records through their canonical
 * constructors; {@link Path} as its string (databind's default would turn a relative
 * path into an absolute URI); and every sealed interface or abstract class with its
 * concrete class named in an {@code @type} property, accepted on the way back only if it
 * is one of the type's permitted subclasses.
 */
public final class ProtocolJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(pathAsString())
            .setDefaultTyping(new SealedTyping())
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private ProtocolJson() {}

    /** One line of JSON, without the newline. */
    public static String write(Object value) throws JsonProcessingException {
        return MAPPER.writeValueAsString(value);
    }

    public static <T> T read(String line, Class<T> type) throws JsonProcessingException {
        return MAPPER.readValue(line, type);
    }

    private static SimpleModule pathAsString() {
        SimpleModule module = new SimpleModule("skiff-path");
        module.addSerializer(Path.class, ToStringSerializer.instance);
        module.addDeserializer(Path.class, new FromStringDeserializer<>(Path.class) {
            private static final long serialVersionUID = 1L;

            @Override
            protected Path _deserialize(String value, DeserializationContext ctxt) {
                return Path.of(value);
            }
        });
        return module;
    }

    /** Type ids for sealed abstract types only; everything else stays plain JSON. */
    private static final class SealedTyping extends ObjectMapper.DefaultTypeResolverBuilder {
        private static final long serialVersionUID = 1L;

        SealedTyping() {
            super(ObjectMapper.DefaultTyping.NON_FINAL, new PermittedSubclasses());
            init(JsonTypeInfo.Id.CLASS, null);
            inclusion(JsonTypeInfo.As.PROPERTY);
            typeProperty("@type");
        }

        @Override
        public boolean useForType(JavaType type) {
            return isSealedAbstract(type.getRawClass());
        }
    }

    static boolean isSealedAbstract(Class<?> type) {
        return type.isSealed() && (type.isInterface() || Modifier.isAbstract(type.getModifiers()));
    }

    /** A class named in the JSON is loaded only if the declared type permits it. */
    private static final class PermittedSubclasses extends PolymorphicTypeValidator.Base {
        private static final long serialVersionUID = 1L;

        @Override
        public Validity validateSubClassName(MapperConfig<?> config, JavaType base, String subClassName) {
            return permits(base.getRawClass(), subClassName) ? Validity.ALLOWED : Validity.DENIED;
        }

        private static boolean permits(Class<?> base, String name) {
            Class<?>[] permitted = base.getPermittedSubclasses();
            if (permitted == null) {
                return false;
            }
            for (Class<?> sub : permitted) {
                if (sub.getName().equals(name) || permits(sub, name)) {
                    return true;
                }
            }
            return false;
        }
    }
}
