package dev.skiff.spec;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code long} that holds a Go {@code uint64}: its 64 bits are read and printed as an
 * unsigned number, so {@code 18446744073709551615} (RLIM_INFINITY, or a seccomp mask) survives a
 * round trip as {@code -1L}. Use {@link Long#toUnsignedString(long)} and
 * {@link Long#compareUnsigned(long, long)} on such values.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@JacksonAnnotationsInside
@JsonSerialize(using = Unsigned64Json.Serializer.class)
@JsonDeserialize(using = Unsigned64Json.Deserializer.class)
public @interface Unsigned64 {}
