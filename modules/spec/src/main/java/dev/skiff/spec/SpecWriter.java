package dev.skiff.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Writes a {@link Spec} as {@code config.json}, field by field on jackson-core's generator: what
 * {@link SpecJson}'s mapper printed, byte for byte, without databind's start-up (introspecting
 * every record on the first write costs a {@code skiff run} tens of milliseconds). The layout is
 * Go's {@code json.MarshalIndent(spec, "", "\t")}; the fields are in the records' order, each
 * omitted as Go's {@code omitempty} would; properties the model does not name follow the named
 * ones. {@code SpecWriterTest} holds it to the mapper's output.
 */
final class SpecWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private static final DefaultPrettyPrinter GO_STYLE = goStylePrinter();

    private SpecWriter() {}

    static String toJson(Spec spec) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator gen = FACTORY.createGenerator(text)) {
            gen.setPrettyPrinter(GO_STYLE.createInstance());
            JsonOut out = new JsonOut(gen);
            out.startObject();
            spec(out, spec);
            out.endObject();
        }
        return text.toString();
    }

    /** Tab indent, {@code "key": value}, {@code []} and {@code {}} for empty containers. */
    static DefaultPrettyPrinter goStylePrinter() {
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

    private static void spec(JsonOut out, Spec spec) throws IOException {
        out.string("ociVersion", spec.ociVersion());
        out.object("process", spec.process(), ProcessWriter::process);
        out.object("root", spec.root(), SpecWriter::root);
        out.string("hostname", spec.hostname());
        out.string("domainname", spec.domainname());
        out.objects("mounts", spec.mounts(), SpecWriter::mount);
        out.object("hooks", spec.hooks(), SpecWriter::hooks);
        out.stringMap("annotations", spec.annotations());
        out.object("linux", spec.linux(), LinuxWriter::linux);
        out.extensions(spec.extensions());
    }

    private static void root(JsonOut out, Root root) throws IOException {
        out.string("path", root.path());
        out.flag("readonly", root.readonly());
    }

    private static void mount(JsonOut out, Mount mount) throws IOException {
        out.string("destination", mount.destination());
        out.string("type", mount.type());
        out.string("source", mount.source());
        out.strings("options", mount.options());
        out.objects("uidMappings", mount.uidMappings(), LinuxWriter::idMapping);
        out.objects("gidMappings", mount.gidMappings(), LinuxWriter::idMapping);
    }

    private static void hooks(JsonOut out, Hooks hooks) throws IOException {
        out.objects("prestart", hooks.prestart(), SpecWriter::hook);
        out.objects("createRuntime", hooks.createRuntime(), SpecWriter::hook);
        out.objects("createContainer", hooks.createContainer(), SpecWriter::hook);
        out.objects("startContainer", hooks.startContainer(), SpecWriter::hook);
        out.objects("poststart", hooks.poststart(), SpecWriter::hook);
        out.objects("poststop", hooks.poststop(), SpecWriter::hook);
    }

    private static void hook(JsonOut out, Hook hook) throws IOException {
        out.string("path", hook.path());
        out.strings("args", hook.args());
        out.strings("env", hook.env());
        out.number("timeout", hook.timeout());
    }
}
