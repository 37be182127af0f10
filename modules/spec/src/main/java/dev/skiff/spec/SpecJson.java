package dev.skiff.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * The one ObjectMapper of the spec model. Its output reads like Go's
 * {@code json.MarshalIndent(spec, "", "\t")}, which runc, runtime-tools and buildah use: tab
 * indent, {@code "key": value}, {@code []} for an empty array. (Go also sorts map keys: the
 * records keep their string maps sorted.)
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
                .setDefaultPrettyPrinter(goStylePrinter())
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    private static DefaultPrettyPrinter goStylePrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayEmptySeparator("")
                .withObjectEmptySeparator("");
        DefaultIndenter tabs = new DefaultIndenter("\t", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
        printer.indentArraysWith(tabs);
        printer.indentObjectsWith(tabs);
        return printer;
    }
}
