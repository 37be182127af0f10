package dev.skiff.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Attachments} as plain JSON, for a run's journal: enough to run every DEL again
 * after the monitor that attached them was killed. The namespace is not kept (it died
 * with the container); DEL then gets an empty CNI_NETNS, which the spec allows.
 */
public final class AttachmentsRecord {
    private AttachmentsRecord() {}

    public static String toJson(Attachments attachments) {
        List<Object> list = new ArrayList<>();
        for (Attachment a : attachments.list()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", a.network().name());
            entry.put("cniVersion", a.network().cniVersion().toString());
            entry.put("disableCheck", a.network().disableCheck());
            List<Object> plugins = new ArrayList<>();
            for (PluginConfig p : a.network().plugins()) {
                plugins.add(p.config());
            }
            entry.put("plugins", plugins);
            entry.put("ifname", a.interfaceName());
            entry.put("result", a.result() == null ? null : a.result().raw());
            list.add(entry);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("containerId", attachments.runtime().containerId());
        doc.put("cniArgs", attachments.runtime().cniArgs());
        doc.put("attachments", list);
        return Json.write(doc);
    }

    /** Reads a record back; {@code source} names it in errors. */
    public static Attachments fromJson(java.nio.file.Path source, String text) throws CniConfigException {
        try {
            JsonObject doc = Json.parseObject(text, "attachments record");
            Map<String, String> cniArgs = new LinkedHashMap<>();
            Optional<JsonObject> args = doc.optObject("cniArgs");
            if (args.isPresent()) {
                for (String key : args.get().map().keySet()) {
                    cniArgs.put(key, args.get().string(key));
                }
            }
            RuntimeConfig runtime = new RuntimeConfig(doc.string("containerId"), Optional.empty(), cniArgs, Map.of());
            List<Attachment> attachments = new ArrayList<>();
            for (JsonObject entry : doc.objects("attachments")) {
                attachments.add(attachment(entry));
            }
            return new Attachments(runtime, attachments);
        } catch (JsonShapeException | IllegalArgumentException e) {
            throw new CniConfigException(source, e.getMessage(), e);
        }
    }

    private static Attachment attachment(JsonObject entry) throws JsonShapeException {
        SpecVersion version = SpecVersion.parse(entry.string("cniVersion"));
        List<PluginConfig> plugins = new ArrayList<>();
        for (JsonObject p : entry.objects("plugins")) {
            plugins.add(new PluginConfig(p.string("type"), p.map()));
        }
        Network network = new Network(entry.string("name"), version, entry.optBoolean("disableCheck"), plugins,
                Optional.empty());
        // Every attachment has its ADD result: DEL and CHECK are given it back as prevResult.
        JsonObject result = entry.optObject("result")
                .orElseThrow(() -> new JsonShapeException(entry.field("result") + ": missing"));
        CniResult parsed = ResultParser.parse(Json.write(result.map()), version);
        return new Attachment(network, entry.string("ifname"), parsed);
    }
}
