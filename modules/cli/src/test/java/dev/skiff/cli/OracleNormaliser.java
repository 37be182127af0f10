package dev.skiff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.spec.Capability;
import dev.skiff.spec.HostInfo;
import dev.skiff.spec.SpecGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Takes out of a config.json what may legitimately differ between buildah's and Skiff's:
 * where each tool keeps its files, the generated container id, buildah's own additions,
 * the order of lists whose order means nothing, and the deliberate differences that
 * modules/cli/README.md ("Oracle: differences from buildah") lists with their reasons.
 * Everything else is left for the comparison. Each step says which of those it is.
 */
final class OracleNormaliser {
    static final String ROOTFS = "<rootfs>";
    static final String GENERATED_ID = "<container id>";
    static final String PRIVATE = "<private file>";

    private static final Pattern SHORT_ID = Pattern.compile("[0-9a-f]{12}");
    /** buildah 1.28's masked path that today's containers/common list dropped (modules/spec/README.md). */
    private static final Set<String> BUILDAH_ONLY_MASKED = Set.of("/sys/dev");
    /** Today's containers/common additions (modules/spec/README.md). */
    private static final Predicate<String> SKIFF_ONLY_MASKED = p -> p.equals("/proc/interrupts")
            || p.equals("/sys/devices/virtual/powercap") || p.endsWith("/thermal_throttle");

    private OracleNormaliser() {}

    /**
     * buildah's config, normalised.
     *
     * @param bundle the bundle directory buildah made for the run (its private files are there)
     */
    static ObjectNode buildah(ObjectNode config, Path bundle) {
        ObjectNode c = config.deepCopy();
        c.remove("annotations");
        ObjectNode process = object(c, "process");
        ObjectNode caps = object(process, "capabilities");
        // Ambient stays empty in Skiff, as in today's buildah.
        caps.remove("ambient");
        // ALL: buildah 1.28 adds every capability it knows; Skiff the host's bounding set.
        Set<String> host = HostInfo.system().boundingSet().stream().map(Capability::name).collect(Collectors.toSet());
        caps.properties().forEach(e -> retain((ArrayNode) e.getValue(), n -> host.contains(n.asText())));
        removeMounts(c, m -> m.path("destination").asText().equals("/run/.containerenv"));
        // buildah binds an empty /etc/hostname when the hostname is the host's (joined or host UTS).
        if (!c.hasNonNull("hostname")) {
            removeMounts(c, m -> m.path("destination").asText().equals("/etc/hostname"));
        }
        // buildah binds the host's /dev/mqueue even where the host has none (runc then fails).
        if (!Files.exists(Path.of("/dev/mqueue"))) {
            removeMounts(c, m -> isBind(m) && m.path("source").asText().equals("/dev/mqueue"));
        }
        // runtime-tools dropped noexec from /dev in 2023 (e931285); buildah 1.28 predates that.
        mounts(c).forEach(m -> {
            if (m.path("destination").asText().equals("/dev") && m.path("type").asText().equals("tmpfs")) {
                retain((ArrayNode) m.get("options"), o -> !o.asText().equals("noexec"));
            }
        });
        retain(array(object(c, "linux"), "maskedPaths"), p -> !BUILDAH_ONLY_MASKED.contains(p.asText()));
        return common(c, List.of(bundle));
    }

    /**
     * Skiff's config, normalised.
     *
     * @param privateDirs its state directory and the container's persistent directory
     */
    static ObjectNode skiff(ObjectNode config, List<Path> privateDirs) {
        ObjectNode c = config.deepCopy();
        retain(array(object(c, "linux"), "maskedPaths"), p -> !SKIFF_ONLY_MASKED.test(p.asText()));
        // With --network none Skiff still gives the container an /etc/hosts naming localhost and
        // its hostname (podman does too); buildah leaves the image's file.
        if (networkNone(c)) {
            removeMounts(c, m -> m.path("destination").asText().equals("/etc/hosts"));
        }
        return common(c, privateDirs);
    }

    /** Steps for both tools: paths, the generated id, and order that carries no meaning. */
    private static ObjectNode common(ObjectNode c, List<Path> privateDirs) {
        object(c, "root").put("path", ROOTFS);
        String hostname = c.path("hostname").asText();
        ObjectNode process = object(c, "process");
        if (SHORT_ID.matcher(hostname).matches()) {
            c.put("hostname", GENERATED_ID);
            replaceText(array(process, "env"), e -> e.equals("HOSTNAME=" + hostname) ? "HOSTNAME=" + GENERATED_ID : e);
        }
        sortText(array(process, "env"));
        object(process, "capabilities").properties().forEach(e -> sortText((ArrayNode) e.getValue()));
        mounts(c).forEach(m -> {
            if (isBind(m) && privateDirs.stream().anyMatch(d -> Path.of(m.path("source").asText()).startsWith(d))) {
                m.put("source", PRIVATE);
            }
        });
        sortBy(array(c, "mounts"), m -> m.path("destination").asText());
        ObjectNode linux = object(c, "linux");
        sortText(array(linux, "maskedPaths"));
        sortText(array(linux, "readonlyPaths"));
        return c;
    }

    /**
     * With the default seccomp profile Skiff refuses the keyring calls the system profile
     * allows (modules/spec/README.md): both sides lose them. A profile given with
     * {@code seccomp=FILE} is compared whole.
     */
    static ObjectNode withoutKeyringCalls(ObjectNode c) {
        ArrayNode rules = array(object(object(c, "linux"), "seccomp"), "syscalls");
        rules.forEach(r -> retain((ArrayNode) r.get("names"), n -> !SpecGenerator.KEYRING_CALLS.contains(n.asText())));
        retain(rules, r -> !r.get("names").isEmpty());
        return c;
    }

    /** Network "none" in both tools' terms: a new network namespace and no /etc/resolv.conf bound. */
    private static boolean networkNone(ObjectNode c) {
        boolean newNetns = false;
        for (JsonNode ns : array(object(c, "linux"), "namespaces")) {
            newNetns |= ns.path("type").asText().equals("network") && !ns.has("path");
        }
        boolean resolv = mounts(c).stream().anyMatch(m -> m.path("destination").asText().equals("/etc/resolv.conf"));
        return newNetns && !resolv;
    }

    private static boolean isBind(JsonNode mount) {
        return mount.path("type").asText().equals("bind");
    }

    private static List<ObjectNode> mounts(ObjectNode c) {
        List<ObjectNode> mounts = new ArrayList<>();
        array(c, "mounts").forEach(m -> mounts.add((ObjectNode) m));
        return mounts;
    }

    private static void removeMounts(ObjectNode c, Predicate<JsonNode> which) {
        retain(array(c, "mounts"), which.negate());
    }

    /** The object at {@code name}, or a detached empty one when absent. */
    private static ObjectNode object(ObjectNode parent, String name) {
        JsonNode node = parent.get(name);
        return node instanceof ObjectNode o ? o : parent.objectNode();
    }

    /** The array at {@code name}, or a detached empty one when absent. */
    private static ArrayNode array(ObjectNode parent, String name) {
        JsonNode node = parent.get(name);
        return node instanceof ArrayNode a ? a : parent.arrayNode();
    }

    private static void retain(ArrayNode array, Predicate<JsonNode> keep) {
        List<JsonNode> kept = new ArrayList<>();
        array.forEach(n -> {
            if (keep.test(n)) {
                kept.add(n);
            }
        });
        array.removeAll();
        array.addAll(kept);
    }

    private static void replaceText(ArrayNode array, Function<String, String> f) {
        for (int i = 0; i < array.size(); i++) {
            array.set(i, array.textNode(f.apply(array.get(i).asText())));
        }
    }

    private static void sortText(ArrayNode array) {
        sortBy(array, JsonNode::asText);
    }

    private static void sortBy(ArrayNode array, Function<JsonNode, String> key) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        nodes.sort(Comparator.comparing(key));
        array.removeAll();
        array.addAll(nodes);
    }
}
