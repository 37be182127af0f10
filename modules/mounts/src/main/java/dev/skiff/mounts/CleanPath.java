package dev.skiff.mounts;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Lexical cleaning of an absolute container path, as Go's {@code path.Clean}: runc resolves
 * destinations inside the rootfs itself, but two spellings of one destination
 * ({@code /data/}, {@code /data/./x/..}) must compare equal for "first destination wins".
 */
final class CleanPath {
    private CleanPath() {}

    /** Whether {@code path} is absolute (starts with "/"). */
    static boolean isAbsolute(String path) {
        return path.startsWith("/");
    }

    /** {@code path} (absolute) without empty, "." and resolved ".." components; "/" stays "/". */
    static String clean(String path) {
        if (!isAbsolute(path)) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** How deep {@code cleanPath} is: "/" is 0, "/a" is 1, "/a/b" is 2. */
    static int depth(String cleanPath) {
        return cleanPath.equals("/") ? 0 : (int) cleanPath.chars().filter(c -> c == '/').count();
    }
}
