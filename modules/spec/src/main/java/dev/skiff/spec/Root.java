package dev.skiff.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The spec's {@code root}: the rootfs path (relative to the bundle, or absolute).
 * {@code readonly} is omitted when false, as runc and buildah write it.
 */
public record Root(String path, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean readonly) {

    public static Root of(String path) {
        return new Root(path, false);
    }

    public Root withPath(String path) {
        return new Root(path, readonly);
    }

    public Root withReadonly(boolean readonly) {
        return new Root(path, readonly);
    }
}
