package dev.skiff.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.skiff.libc.Processes;
import dev.skiff.network.Attachments;
import dev.skiff.network.AttachmentsRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The record of a run in flight, kept in its bundle: which runtime (and its flags) owns
 * the container, which monitor process runs it, and, once attached, its CNI networks.
 * It goes away with the bundle, the last thing a run removes, so a bundle that outlives
 * its monitor tells {@code skiff cleanup} exactly what is left to undo.
 */
final class Journal {
    static final String FILE = "journal.json";
    static final String ATTACHMENTS = "attachments.json";

    /**
     * What a journal says.
     *
     * @param runtimeRoot the runtime's {@code --root} when Skiff chose one (a rootless run's), else null
     */
    record Entry(String id, Path runtime, Path runtimeRoot, List<String> runtimeFlags, long monitorPid,
            String monitorStart, String cniPluginPath, Path ephemeralContainerDir) {}

    private static final JsonFactory FACTORY = new JsonFactory();

    private Journal() {}

    /** Written before {@code runtime create}, so a crash at any later point is recoverable. */
    static void begin(Bundle bundle, Entry entry) throws IOException {
        writeAtomically(bundle.dir().resolve(FILE), json(entry));
    }

    /**
     * One line of JSON, null fields left out, as {@link #read} reads it. Written on
     * jackson-core's generator rather than jackson-jr, whose start-up (its type locators, the
     * default time zone) a run would pay for these few fields.
     */
    static String json(Entry entry) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator gen = FACTORY.createGenerator(text)) {
            gen.writeStartObject();
            string(gen, "id", entry.id());
            string(gen, "runtime", entry.runtime());
            string(gen, "runtimeRoot", entry.runtimeRoot());
            if (entry.runtimeFlags() != null) {
                gen.writeArrayFieldStart("runtimeFlags");
                for (String flag : entry.runtimeFlags()) {
                    gen.writeString(flag);
                }
                gen.writeEndArray();
            }
            gen.writeNumberField("monitorPid", entry.monitorPid());
            string(gen, "monitorStart", entry.monitorStart());
            string(gen, "cniPluginPath", entry.cniPluginPath());
            string(gen, "ephemeralContainerDir", entry.ephemeralContainerDir());
            gen.writeEndObject();
        }
        return text.toString();
    }

    private static void string(JsonGenerator gen, String name, Object value) throws IOException {
        if (value != null) {
            gen.writeStringField(name, value.toString());
        }
    }

    /** Written right after the networks were attached, before start. */
    static void attached(Bundle bundle, Attachments attachments) throws IOException {
        writeAtomically(bundle.dir().resolve(ATTACHMENTS), AttachmentsRecord.toJson(attachments));
    }

    static Entry read(Path bundleDir) throws IOException {
        Map<String, Object> doc = JSON.std.mapFrom(Files.readString(bundleDir.resolve(FILE)));
        @SuppressWarnings("unchecked")
        List<String> flags = (List<String>) doc.getOrDefault("runtimeFlags", List.of());
        Object dir = doc.get("ephemeralContainerDir");
        Object root = doc.get("runtimeRoot");
        return new Entry((String) doc.get("id"), Path.of((String) doc.get("runtime")),
                root == null ? null : Path.of((String) root), flags,
                ((Number) doc.get("monitorPid")).longValue(), (String) doc.get("monitorStart"),
                (String) doc.get("cniPluginPath"), dir == null ? null : Path.of((String) dir));
    }

    /** This process's identity: its pid and its start time, which a recycled pid won't share. */
    static long selfPid() {
        return Processes.getpid();
    }

    /** Field 22 of /proc/PID/stat (start time in clock ticks), or null when there is no such process. */
    static String startTime(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return fields[19];
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A failed write (ENOSPC, say) names no file itself: the message adds it. */
    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException("write `" + file + "`: " + e.getMessage(), e);
        }
    }
}
