package dev.skiff.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the small text files of /proc and /sys. */
final class ProcFiles {
    /** More than any file read here holds; it must arrive in one read (see {@link #read}). */
    private static final int MAX = 64 * 1024;

    private ProcFiles() {}

    /**
     * The whole file, read from offset 0 in one call. Not {@link Files#readString}: it reads one
     * byte first, and a sysctl file ({@code /proc/sys/kernel/pid_max}) answers any read at a
     * non-zero offset with end-of-file, so it would return {@code "3"} for 32768.
     *
     * @param subject what the file is, for the error
     */
    static String read(Path file, String subject) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecException(subject, file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }
}
