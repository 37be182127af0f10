package dev.skiff.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of an OCI image config that are a container's defaults, as buildah's Builder
 * supplies them: {@code Env} (the run's env overrides it by name), {@code WorkingDir} (the
 * default cwd), {@code User} (the default user spec, resolved in the rootfs by the mounts
 * module), {@code Volumes} (the image's builtin volumes, for the mounts module),
 * {@code Entrypoint} and {@code Cmd} ({@link #command()}), {@code Labels}.
 *
 * @param volumes container paths, in the file's order
 */
public record ImageConfig(
        List<String> env,
        String workingDir,
        String user,
        List<String> volumes,
        List<String> entrypoint,
        List<String> cmd,
        Map<String, String> labels) {

    public static final ImageConfig EMPTY = new ImageConfig(null, null, null, null, null, null, null);

    public ImageConfig {
        env = Copies.list(env);
        volumes = Copies.list(volumes);
        entrypoint = Copies.list(entrypoint);
        cmd = Copies.list(cmd);
        labels = Copies.sortedMap(labels);
    }

    /**
     * Reads a full OCI image config ({@code {"architecture": ..., "config": {...}}}) or just its
     * {@code config} object.
     *
     * @throws SpecException naming the file when it cannot be read or is not such a config
     */
    public static ImageConfig read(Path path) {
        String json;
        try {
            json = Files.readString(path);
        } catch (IOException e) {
            throw new SpecException("image config", path.toString(), "cannot read: " + e.getMessage(), e);
        }
        return parse(json, path.toString());
    }

    /** @param source names the config in messages */
    public static ImageConfig parse(String json, String source) {
        return ImageConfigJson.parse(json, source);
    }

    /**
     * The image's command: {@code Entrypoint} then {@code Cmd}. An entrypoint of just
     * {@code [""]} means "none", as docker and podman read it.
     */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        if (!entrypoint.equals(List.of(""))) {
            command.addAll(entrypoint);
        }
        command.addAll(cmd);
        return List.copyOf(command);
    }
}
