package dev.skiff.network;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The directories searched for plugin binaries, in order; also what plugins receive as
 * {@code CNI_PATH} to find the plugins they delegate to (IPAM).
 */
public record PluginPath(List<Path> dirs) {
    /** Debian's packages first, then the upstream tarball's and other distributions' places. */
    public static final String DEFAULT = "/usr/lib/cni:/opt/cni/bin:/usr/libexec/cni:/usr/local/lib/cni";

    public PluginPath {
        dirs = List.copyOf(dirs);
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("empty CNI plugin path");
        }
    }

    /** A {@code :}-separated list, as {@code --cni-plugin-path} and CNI_PATH spell it. */
    public static PluginPath parse(String colonList) {
        return new PluginPath(Arrays.stream(colonList.split(":"))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .toList());
    }

    public static PluginPath defaults() {
        return parse(DEFAULT);
    }

    /** The first executable regular file named {@code type}. */
    public Optional<Path> find(String type) {
        return dirs.stream()
                .map(dir -> dir.resolve(type))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst();
    }

    @Override
    public String toString() {
        return dirs.stream().map(Path::toString).collect(Collectors.joining(":"));
    }
}
