package dev.skiff.mounts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What one run created on the host (bundle-side copies), to be removed when the run ends. */
final class CreatedFiles {
    private final List<Path> paths = new ArrayList<>();

    synchronized void add(Path path) {
        paths.add(path);
    }

    synchronized List<Path> paths() {
        return List.copyOf(paths);
    }

    /**
     * Removes everything, newest first, directories with their content. Every path is
     * tried; the first failure is thrown with the others suppressed. Calling it again
     * removes nothing more.
     */
    synchronized void deleteAll() throws IOException {
        IOException failure = null;
        for (int i = paths.size() - 1; i >= 0; i--) {
            try {
                Trees.deleteRecursively(paths.get(i));
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        paths.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
