package dev.skiff.spec;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * An OCI runtime {@code config.json} (runtime-spec 1.0.2 and the 1.1 fields runc 1.1 reads).
 *
 * <p>Values are immutable; change one with the {@code with...} methods, which return a copy:
 * <pre>{@code
 * Spec spec = SpecDefaults.generate()
 *         .withRootPath("/var/lib/skiff/abc/rootfs")
 *         .withHostname("box")
 *         .withProcess(p -> p.withArgs("sh", "-c", "id").withCwd("/tmp").withTerminal(false));
 * spec.write(bundle.resolve("config.json"));
 * }</pre>
 *
 * <p>JSON names are the spec's; null, empty strings, lists, maps and objects are omitted, as Go's
 * {@code omitempty} does for runc and buildah.
 *
 * @param extensions top-level properties this model does not name ({@code solaris},
 *     {@code windows}, {@code vm}, ...), kept so that a read-then-write loses nothing
 */
public record Spec(
        String ociVersion,
        ProcessSpec process,
        Root root,
        String hostname,
        String domainname,
        List<Mount> mounts,
        Hooks hooks,
        Map<String, String> annotations,
        Linux linux,
        @JsonAnyGetter @JsonAnySetter Map<String, Object> extensions) {

    /** The runtime-spec version written by the runc (1.1) and buildah (1.28) this targets. */
    public static final String OCI_VERSION = "1.0.2-dev";

    public Spec {
        mounts = Copies.list(mounts);
        annotations = Copies.sortedMap(annotations);
        extensions = Copies.map(extensions);
    }

    // ---- JSON ----

    /** Parses a {@code config.json}; unknown properties are kept in the extensions maps. */
    public static Spec read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return SpecJson.MAPPER.readValue(in, Spec.class);
        } catch (JsonProcessingException e) {
            throw new IOException("read OCI spec `" + path + "`: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when {@code json} is not a valid spec */
    public static Spec fromJson(String json) {
        try {
            return SpecJson.MAPPER.readValue(json, Spec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid OCI spec JSON: " + e.getMessage(), e);
        }
    }

    /** Tab-indented JSON, fields in the spec's order, no trailing newline (as Go's MarshalIndent). */
    public String toJson() {
        try {
            return SpecWriter.toJson(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise OCI spec", e);
        }
    }

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    /**
     * Writes {@link #toJson()} atomically: a temporary file in the same directory, renamed over
     * {@code path}, so a runtime never reads half a file. The file is mode 0600 (it may hold
     * secrets in env), as buildah writes it. No fsync: a bundle does not outlive a crash.
     *
     * @throws IOException naming {@code path}: a failed write (ENOSPC, say) names no file itself
     */
    public void write(Path path) throws IOException {
        Path target = path.toAbsolutePath();
        // Named after this process and thread rather than Files.createTempFile's random name:
        // its SecureRandom costs the CLI's start-up more than the whole write.
        Path temp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().threadId() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.write(Files.createFile(temp, OWNER_ONLY), toJson().getBytes(StandardCharsets.UTF_8));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            removeTemp(temp, e);
            throw new IOException("write `" + target + "`: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            removeTemp(temp, e);
            throw e;
        }
    }

    private static void removeTemp(Path temp, Exception failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    // ---- withers ----

    public Spec withOciVersion(String ociVersion) {
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, linux, extensions);
    }

    public Spec withProcess(ProcessSpec process) {
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, linux, extensions);
    }

    /** Applies {@code change} to the process ({@link ProcessSpec#EMPTY} when there is none). */
    public Spec withProcess(UnaryOperator<ProcessSpec> change) {
        return withProcess(change.apply(process != null ? process : ProcessSpec.EMPTY));
    }

    public Spec withRoot(Root root) {
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, linux, extensions);
    }

    /** Sets {@code root.path}, keeping {@code root.readonly}. */
    public Spec withRootPath(String path) {
        return withRoot(root != null ? root.withPath(path) : Root.of(path));
    }

    public Spec withHostname(String hostname) {
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, linux, extensions);
    }

    public Spec withDomainname(String domainname) {
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, linux, extensions);
    }

    public Spec withMounts(List<Mount> mounts) {
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, linux, extensions);
    }

    /** Replaces the mount with the same destination in place, or appends it (buildah's addOrReplaceMount). */
    public Spec withMount(Mount mount) {
        List<Mount> changed = new ArrayList<>(mounts);
        for (int i = 0; i < changed.size(); i++) {
            if (Objects.equals(changed.get(i).destination(), mount.destination())) {
                changed.set(i, mount);
                return withMounts(changed);
            }
        }
        changed.add(mount);
        return withMounts(changed);
    }

    /** Removes every mount on {@code destination}. */
    public Spec withoutMount(String destination) {
        List<Mount> changed = new ArrayList<>(mounts);
        changed.removeIf(mount -> Objects.equals(mount.destination(), destination));
        return withMounts(changed);
    }

    public Spec withHooks(Hooks hooks) {
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, linux, extensions);
    }

    public Spec withAnnotations(Map<String, String> annotations) {
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, linux, extensions);
    }

    public Spec withAnnotation(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(annotations);
        changed.put(key, value);
        return withAnnotations(changed);
    }

    public Spec withLinux(Linux linux) {
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, linux, extensions);
    }

    /** Applies {@code change} to the linux object ({@link Linux#EMPTY} when there is none). */
    public Spec withLinux(UnaryOperator<Linux> change) {
        return withLinux(change.apply(linux != null ? linux : Linux.EMPTY));
    }
}
