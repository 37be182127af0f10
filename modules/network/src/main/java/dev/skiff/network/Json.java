package dev.skiff.network;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.Map;

/**
 * jackson-jr as CNI uses it: whole documents read into plain maps and lists (so fields
 * a plugin adds survive into the next plugin's prevResult untouched), and written back
 * compactly. jackson-jr rather than databind: it loads a fraction of the classes, and
 * this runs in the monitor between create and start.
 */
final class Json {
    private static final JSON READER = JSON.std.with(JSON.Feature.PRESERVE_FIELD_ORDERING);

    private Json() {}

    /** One JSON object, with nothing after it; the message of a failure says where. */
    static JsonObject parseObject(String text, String what) throws JsonShapeException {
        Object value = parse(text);
        if (!(value instanceof Map<?, ?>)) {
            throw new JsonShapeException("expected a JSON object, found " + JsonObject.kind(value));
        }
        return JsonObject.of(what, value);
    }

    static Object parse(String text) throws JsonShapeException {
        if (text == null || text.isBlank()) {
            throw new JsonShapeException("empty document");
        }
        try (JsonParser parser = READER.getStreamingFactory().createParser(text)) {
            Object value = READER.anyFrom(parser);
            if (parser.nextToken() != null) {
                throw new JsonShapeException("unexpected content after the JSON value at "
                        + location(parser));
            }
            return value;
        } catch (IOException e) {
            throw new JsonShapeException("malformed JSON: " + firstLine(e.getMessage()));
        }
    }

    /** Compact JSON of maps, lists, strings, numbers, booleans and nulls. */
    static String write(Object tree) {
        try {
            return JSON.std.asString(tree);
        } catch (IOException e) {
            // Only plain trees reach here, which always serialize.
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static String location(JsonParser parser) {
        var loc = parser.currentTokenLocation();
        return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
