package dev.skiff.runtime.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the runtime executable: a path, or a name looked up on the PATH. */
public final class RuntimeBinary {
    private RuntimeBinary() {}

    public static Path resolve(String nameOrPath) throws IOException {
        if (nameOrPath.isEmpty()) {
            throw new IOException("runtime: empty name");
        }
        if (nameOrPath.contains("/")) {
            return checkExecutable(Path.of(nameOrPath).toAbsolutePath(), nameOrPath);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, nameOrPath);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        // sbin is often missing from a user's PATH, and runc lives there on Debian.
        for (String dir : new String[] {"/usr/local/sbin", "/usr/sbin", "/sbin"}) {
            Path candidate = Path.of(dir, nameOrPath);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IOException("runtime `" + nameOrPath + "`: not found on the PATH");
    }

    private static Path checkExecutable(Path path, String given) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException("runtime `" + given + "`: no such file");
        }
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new IOException("runtime `" + given + "`: not an executable file");
        }
        return path;
    }
}
