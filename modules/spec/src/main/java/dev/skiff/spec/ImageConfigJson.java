package dev.skiff.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The JSON side of {@link ImageConfig}, on databind's {@link StrictJson}. A class of its own so
 * that a run without {@code --image-config} does not even load databind's classes (the JVM
 * loads the exception types a method catches when it links the method's class).
 */
final class ImageConfigJson {
    private ImageConfigJson() {}

    static ImageConfig parse(String json, String source) {
        try {
            JsonNode root = StrictJson.MAPPER.readTree(json);
            if (root == null || !root.isObject()) {
                throw new SpecException("image config", source, "not a JSON object");
            }
            JsonNode config = root.has("config") ? root.get("config") : root;
            if (config.isNull()) {
                return ImageConfig.EMPTY;
            }
            return StrictJson.MAPPER.treeToValue(config, Json.class).toConfig(source);
        } catch (JsonMappingException e) {
            throw new SpecException("image config", source, "bad " + field(e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new SpecException("image config", source, "not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String field(JsonMappingException e) {
        return e.getPath().isEmpty() || e.getPath().get(0).getFieldName() == null ? "config"
                : e.getPath().get(0).getFieldName();
    }

    /** The JSON's spelling (Go's field names, capitalised). */
    private record Json(
            @JsonProperty("Env") List<String> env,
            @JsonProperty("WorkingDir") String workingDir,
            @JsonProperty("User") String user,
            @JsonProperty("Volumes") Map<String, Object> volumes,
            @JsonProperty("Entrypoint") List<String> entrypoint,
            @JsonProperty("Cmd") List<String> cmd,
            @JsonProperty("Labels") Map<String, String> labels) {

        ImageConfig toConfig(String source) {
            noNulls(source, "Env", env);
            noNulls(source, "Entrypoint", entrypoint);
            noNulls(source, "Cmd", cmd);
            List<String> paths = volumes == null ? List.of() : List.copyOf(volumes.keySet());
            return new ImageConfig(env, workingDir, user, paths, entrypoint, cmd, labels);
        }

        /** Go would read a null item as ""; an empty argument or variable is a mistake, so it is refused. */
        private static void noNulls(String source, String field, List<String> list) {
            if (list != null && list.contains(null)) {
                throw new SpecException("image config", source, "bad " + field + ": null in the list");
            }
        }
    }
}
