package dev.skiff.mounts;

import java.util.ArrayList;
import java.util.List;

/**
 * A path as the container sees it, split into components. Only syntax is checked here:
 * {@code ..} and symlinks are left for the kernel to resolve under RESOLVE_IN_ROOT,
 * where they cannot climb above the rootfs.
 */
record ContainerPath(String original, List<String> components) {

    static ContainerPath parse(String path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("empty path in container");
        }
        if (path.indexOf('\0') >= 0) {
            // The C string would end at the NUL and name a different file.
            throw new IllegalArgumentException("path in container contains a NUL byte: " + path.replace("\0", "\\0"));
        }
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return new ContainerPath(path, List.copyOf(parts));
    }

    /** The first {@code count} components as an absolute path ("/" for none). */
    String prefix(int count) {
        return "/" + String.join("/", components.subList(0, count));
    }

    /** The whole path, absolute and with empty and "." components dropped. */
    String normalized() {
        return prefix(components.size());
    }

    @Override
    public String toString() {
        return original;
    }
}
