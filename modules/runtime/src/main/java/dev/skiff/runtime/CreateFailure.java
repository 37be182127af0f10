package dev.skiff.runtime;

import dev.skiff.runtime.oci.OciRuntimeException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns a failed {@code runtime create} into Skiff's error, with the exit code the
 * shell conventions give: 127 when the command was not found, 126 when it could not
 * be executed, 125 otherwise. The runtime checks the command at create time (runc
 * and crun both look the executable up before waiting to be started).
 */
final class CreateFailure {
    private CreateFailure() {}

    /**
     * @param containerOutput what was left in the container's stdout and stderr pipes
     *                        (a runtime may print its error there too)
     */
    static SkiffException classify(OciRuntimeException e, String containerOutput) {
        String said = firstParagraph(e.output().isBlank() ? containerOutput : e.output());
        String lower = said.toLowerCase(Locale.ROOT);
        boolean exec = lower.contains("exec");
        int code;
        if (lower.contains("executable file not found")
                || exec && lower.contains("no such file or directory")) {
            code = SkiffException.NOT_FOUND;
        } else if (exec && (lower.contains("permission denied") || lower.contains("exec format error")
                || lower.contains("is a directory"))) {
            code = SkiffException.CANNOT_EXECUTE;
        } else {
            code = SkiffException.FAILED;
        }
        String runtime = Path.of(e.argv().getFirst()).getFileName().toString();
        String message = said.isEmpty() ? e.getMessage() : runtime + " create: " + said;
        return new SkiffException(message, code, e);
    }

    /** A runtime's usage error is followed by its whole help text: keep what comes before. */
    private static String firstParagraph(String output) {
        String text = output.strip();
        int blank = text.indexOf("\n\n");
        return (blank < 0 ? text : text.substring(0, blank)).strip();
    }
}
