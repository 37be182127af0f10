package dev.skiff.runtime.oci;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the error messages out of a runtime's JSON log ({@code --log-format json}),
 * one object a line: {@code {"level":"error","msg":"...","time":"..."}}. Lines that are
 * not JSON (a runtime that ignores the format) are kept as they are.
 */
final class RuntimeLog {
    private RuntimeLog() {}

    static String errors(Path log) {
        List<String> messages = new ArrayList<>();
        try {
            if (!Files.exists(log)) {
                return "";
            }
            for (String line : Files.readAllLines(log)) {
                if (line.isBlank()) {
                    continue;
                }
                if (!line.startsWith("{")) {
                    messages.add(line.strip());
                    continue;
                }
                Map<String, Object> entry = JSON.std.mapFrom(line);
                Object level = entry.get("level");
                if ("error".equals(level) || "fatal".equals(level)) {
                    messages.add(String.valueOf(entry.get("msg")));
                }
            }
        } catch (IOException e) {
            messages.add("(runtime log unreadable: " + e.getMessage() + ")");
        }
        return String.join("; ", messages);
    }
}
