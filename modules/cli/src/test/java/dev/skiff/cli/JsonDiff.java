package dev.skiff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Field-by-field comparison of two JSON trees, reported as one line per difference with
 * its JSON pointer: {@code /process/env/2: buildah "A=1" | skiff "A=2"}.
 */
final class JsonDiff {
    static {
        // The tests are patched into dev.skiff.cli, which does not itself read Jackson.
        JsonDiff.class.getModule().addReads(jacksonModule());
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_VALUE_CHARS = 300;

    private JsonDiff() {}

    static ObjectNode parse(String json, String what) {
        try {
            JsonNode node = JSON.readTree(json);
            if (!(node instanceof ObjectNode object)) {
                throw new AssertionError(what + " is not a JSON object: " + json);
            }
            return object;
        } catch (IOException e) {
            throw new AssertionError(what + " is not JSON: " + e.getMessage() + "\n" + json, e);
        }
    }

    /** The differences, empty when the trees are equal. */
    static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare("", expected, actual, out);
        return out;
    }

    /** Fails listing every difference, labelled with the two sides' names. */
    static void assertEqual(String what, String expectedName, JsonNode expected, String actualName, JsonNode actual) {
        List<String> diffs = differences(expected, actual);
        if (diffs.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(what).append(": ").append(diffs.size())
                .append(" difference(s) after normalisation (").append(expectedName).append(" | ").append(actualName)
                .append("):\n");
        diffs.forEach(d -> message.append("  ").append(d).append('\n'));
        throw new AssertionError(message.toString());
    }

    private static void compare(String pointer, JsonNode a, JsonNode b, List<String> out) {
        if (a == null || b == null) {
            out.add(pointer + ": " + (a == null ? "missing" : show(a)) + " | " + (b == null ? "missing" : show(b)));
        } else if (a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                compare(pointer + "/" + name.replace("~", "~0").replace("/", "~1"), a.get(name), b.get(name), out);
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                compare(pointer + "/" + i, a.get(i), b.get(i), out);
            }
        } else if (a.isArray() && b.isArray()) {
            out.add(pointer + ": only in the first " + show(missing(a, b)) + " | only in the second " + show(missing(b, a)));
        } else if (!a.equals(b)) {
            out.add(pointer + ": " + show(a) + " | " + show(b));
        }
    }

    /** The elements of {@code a} that {@code b} lacks (arrays of different lengths). */
    private static ArrayNode missing(JsonNode a, JsonNode b) {
        List<JsonNode> rest = new ArrayList<>();
        b.forEach(rest::add);
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode element : a) {
            if (!rest.remove(element)) {
                out.add(element);
            }
        }
        return out;
    }

    private static String show(JsonNode node) {
        String text = node.toString();
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "…";
    }

    private static Module jacksonModule() {
        try {
            return Class.forName("com.fasterxml.jackson.databind.ObjectMapper").getModule();
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
