package dev.skiff.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * The one ObjectMapper of the spec model: it reads {@code config.json}. Its output reads like Go's
 * {@code json.MarshalIndent(spec, "", "\t")}, which runc, runtime-tools and buildah use: tab
 * indent, {@code "key": value}, {@code []} for an empty array. (Go also sorts map keys: the
 * records keep their string maps sorted.) {@link SpecWriter} writes the same bytes without
 * databind's start-up and is tested against this mapper; it comes here only for an extension
 * value that is not a JSON tree.
 */
final class SpecJson {
    static final ObjectMapper MAPPER = create();

    private SpecJson() {}

    private static ObjectMapper create() {
        SimpleModule omitEmpty = new SimpleModule("skiff-omit-empty-objects");
        omitEmpty.setSerializerModifier(new OmitEmptyObjects());
        return new ObjectMapper()
                .registerModule(omitEmpty)
                // Values: omit null, "", [] and {}. Map entries are kept as they are.
                .setDefaultPropertyInclusion(
                        JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.ALWAYS))
                // Known properties that a record does not keep must not break reading; the records
                // that grow between spec versions keep them in their extensions map.
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .setDefaultPrettyPrinter(SpecWriter.goStylePrinter())
                .enable(SerializationFeature.INDENT_OUTPUT);
    }
}
