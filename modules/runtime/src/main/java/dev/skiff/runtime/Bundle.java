package dev.skiff.runtime;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A container's private bundle directory: config.json, the pid file, the runtime's log
 * and (for a terminal) the console socket. {@link #close()} removes it, on every path.
 */
final class Bundle implements AutoCloseable {
    private final Path dir;

    private Bundle(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates {@code stateDir/id} with mode 0700 ({@code stateDir} is made if missing). An
     * ordinary user's state directory must be its own: by default it may lie in /tmp.
     */
    static Bundle create(Path stateDir, String id) throws IOException {
        Files.createDirectories(stateDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
        if (UserDirs.rootless()) {
            UserDirs.checkOwn(stateDir);
        }
        Path dir = stateDir.resolve(id);
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new Bundle(dir);
    }

    /** An existing bundle directory, e.g. one a killed run left behind. */
    static Bundle at(Path dir) {
        return new Bundle(dir);
    }

    Path dir() {
        return dir;
    }

    Path config() {
        return dir.resolve("config.json");
    }

    Path pidFile() {
        return dir.resolve("pid");
    }

    Path log() {
        return dir.resolve("runtime.log");
    }

    Path consoleSocket() {
        return dir.resolve("console.sock");
    }

    @Override
    public void close() throws IOException {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // already removed
        }
    }
}
