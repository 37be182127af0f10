package dev.skiff.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The mounts of this test's mount namespace (the host's), from /proc/self/mountinfo. */
final class HostMounts {
    private static final Pattern OCTAL = Pattern.compile("\\\\([0-7]{3})");

    private HostMounts() {}

    /** Mount points at or under any of {@code dirs}: what a run left mounted there. */
    static List<Path> under(Path... dirs) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            Path point = Path.of(unescape(line.split(" ")[4]));
            for (Path dir : dirs) {
                if (point.startsWith(dir)) {
                    found.add(point);
                    break;
                }
            }
        }
        return found;
    }

    /** mountinfo writes space, tab, newline and backslash as {@code \ooo}. */
    private static String unescape(String field) {
        Matcher m = OCTAL.matcher(field);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 8))));
        }
        return m.appendTail(out).toString();
    }
}
