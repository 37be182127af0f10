package dev.skiff.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads /proc: processes, their descriptors, threads and roots. Gone processes read as empty. */
final class ProcScan {
    private static final Path PROC = Path.of("/proc");

    private ProcScan() {}

    static List<Long> pids() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(PROC)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            }
        }
        return pids;
    }

    /** The argument vector joined with spaces, or "" for a zombie or a gone process. */
    static String cmdline(long pid) {
        try {
            byte[] raw = Files.readAllBytes(proc(pid, "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException gone) {
            return "";
        }
    }

    /** The state letter of /proc/PID/stat (R, S, Z, ...), or '?' when the process is gone. */
    static char state(long pid) {
        try {
            String stat = Files.readString(proc(pid, "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException gone) {
            return '?';
        }
    }

    /** The device and inode of the process's root directory, or null when it cannot be seen. */
    static Object rootKey(long pid) {
        return fileKey(proc(pid, "root"));
    }

    static Object fileKey(Path path) {
        try {
            Map<String, Object> a = Files.readAttributes(path, "unix:dev,ino");
            return a.get("dev") + ":" + a.get("ino");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /** What each descriptor of the process points to ({@code pipe:[123]}, {@code /dev/null}, ...). */
    static List<String> descriptors(long pid) {
        List<String> targets = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc(pid, "fd"))) {
            for (Path fd : fds) {
                targets.add(link(fd));
            }
        } catch (IOException gone) {
            // exited, or a kernel thread
        }
        return targets;
    }

    /** The names of the process's threads (/proc/PID/task/TID/comm). */
    static List<String> threadNames(long pid) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc(pid, "task"))) {
            for (Path task : tasks) {
                try {
                    names.add(Files.readString(task.resolve("comm")).strip());
                } catch (IOException ended) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException gone) {
            // exited
        }
        return names;
    }

    static String link(Path path) {
        try {
            return Files.readSymbolicLink(path).toString();
        } catch (IOException gone) {
            return "";
        }
    }

    static Path proc(long pid, String entry) {
        return PROC.resolve(Long.toString(pid)).resolve(entry);
    }
}
