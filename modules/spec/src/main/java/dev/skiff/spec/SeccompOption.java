package dev.skiff.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Which seccomp filter a run gets: {@code --security-opt seccomp=...}. Typed in JSON so
 * a run request can travel to the library's monitor process.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SeccompOption.Default.class, name = "default"),
    @JsonSubTypes.Type(value = SeccompOption.Unconfined.class, name = "unconfined"),
    @JsonSubTypes.Type(value = SeccompOption.Profile.class, name = "profile")
})
public sealed interface SeccompOption {
    /** The system's containers profile when installed, else the one bundled with Skiff. */
    SeccompOption DEFAULT = new Default();

    /** No filter at all. */
    SeccompOption UNCONFINED = new Unconfined();

    static SeccompOption profile(Path path) {
        return new Profile(path);
    }

    /** {@code unconfined}, or the path of a profile in the containers format. */
    static SeccompOption parse(String value) {
        if (value.isEmpty()) {
            throw new SpecException("seccomp", value, "expected unconfined or a profile path");
        }
        if (value.equals("unconfined")) {
            return UNCONFINED;
        }
        try {
            return profile(Path.of(value));
        } catch (InvalidPathException e) {
            throw new SpecException("seccomp", value, "not a path: " + e.getReason());
        }
    }

    record Default() implements SeccompOption {}

    record Unconfined() implements SeccompOption {}

    record Profile(Path path) implements SeccompOption {
        public Profile {
            if (path == null) {
                throw new IllegalArgumentException("seccomp profile path is required");
            }
        }
    }
}
