package dev.skiff.mounts;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Copies busybox into a rootfs as /bin/busybox and links every applet to it. */
final class BusyboxApplets {
    static final String BINARY = "bin/busybox";
    /** Applet paths as {@code --list-full} prints them: relative, plain names, no "..". */
    private static final Pattern APPLET_PATH = Pattern.compile("[A-Za-z0-9_+\\[\\]-][A-Za-z0-9_.+\\[\\]-]*"
            + "(/[A-Za-z0-9_+\\[\\]-][A-Za-z0-9_.+\\[\\]-]*)+");
    private static final long LIST_TIMEOUT_SECONDS = 30;

    private BusyboxApplets() {}

    /** Installs {@code busybox}; directories it needs are made owned by {@code owner} (-1: the caller). */
    static void install(Path busybox, RootfsAccess rootfs, int owner) throws IOException {
        Path dir = rootfs.rootfs();
        rootfs.mkdirs("/bin", 0755, owner, owner);
        Path binary = dir.resolve(BINARY);
        Files.copy(busybox, binary);
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String applet : list(busybox)) {
            Path link = Path.of(applet);
            rootfs.mkdirs("/" + link.getParent(), 0755, owner, owner);
            // Relative, so the link works both inside the container and from the host.
            Files.createSymbolicLink(dir.resolve(link), link.getParent().relativize(Path.of(BINARY)));
        }
    }

    /**
     * The applets' paths relative to "/", from {@code busybox --list-full} (run on the
     * host: this is set-up, not the container path). busybox itself and top-level
     * entries (linuxrc, an initrd entry point) are left out.
     */
    static List<String> list(Path busybox) throws IOException {
        String output = run(List.of(busybox.toString(), "--list-full"));
        Set<String> applets = new LinkedHashSet<>();
        for (String line : output.split("\n")) {
            String path = line.strip().replaceAll("/+$", "");
            if (path.isEmpty() || path.equals(BINARY) || path.indexOf('/') < 0) {
                continue;
            }
            if (!APPLET_PATH.matcher(path).matches() || List.of(path.split("/")).contains("..")) {
                throw new IOException("`" + busybox + " --list-full` printed an unexpected applet path: `" + line + "`");
            }
            applets.add(path);
        }
        if (applets.isEmpty()) {
            throw new IOException("`" + busybox + " --list-full` listed no applets");
        }
        return new ArrayList<>(applets);
    }

    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!process.waitFor(LIST_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("`" + String.join(" ", command) + "` did not exit within "
                        + LIST_TIMEOUT_SECONDS + "s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for `" + String.join(" ", command) + "`");
        }
        if (process.exitValue() != 0) {
            throw new IOException("`" + String.join(" ", command) + "` exited with " + process.exitValue()
                    + ": " + output.strip());
        }
        return output;
    }
}
