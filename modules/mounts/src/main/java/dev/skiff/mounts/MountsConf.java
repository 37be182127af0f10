package dev.skiff.mounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A containers {@code mounts.conf}: one {@code HOST[:CONTAINER]} per line ({@code #} starts
 * a comment line), each host path's content to be copied into the container (the
 * "secrets" or subscriptions of RHEL hosts).
 *
 * <p>Which file, as containers/common's subscriptions.MountsWithUIDGID: the first that
 * exists of {@code ~/.config/containers/mounts.conf} (rootless only),
 * {@code /etc/containers/mounts.conf}, {@code /usr/share/containers/mounts.conf}. The
 * files are not merged: an /etc file replaces the /usr/share one entirely. A file given
 * explicitly is the only one read.
 *
 * @param file    the file read
 * @param entries its usable lines; malformed ones are skipped with a warning
 */
public record MountsConf(Path file, List<Entry> entries) {
    public static final Path OVERRIDE_FILE = Path.of("/etc/containers/mounts.conf");
    public static final Path DEFAULT_FILE = Path.of("/usr/share/containers/mounts.conf");

    private static final System.Logger LOG = System.getLogger(MountsConf.class.getName());

    /** One line: the host path and the (absolute, cleaned) container path. */
    public record Entry(Path host, String container) {}

    public MountsConf {
        entries = List.copyOf(entries);
    }

    /** The files looked for, in order: the user's first when not root. */
    public static List<Path> searchPath(boolean rootless) {
        List<Path> files = new ArrayList<>();
        if (rootless) {
            files.add(Path.of(System.getProperty("user.home"), ".config", "containers", "mounts.conf"));
        }
        files.add(OVERRIDE_FILE);
        files.add(DEFAULT_FILE);
        return List.copyOf(files);
    }

    /** The first file of {@code searchPath} that exists, read; empty when none does. */
    public static Optional<MountsConf> load(List<Path> searchPath) throws MountException {
        for (Path file : searchPath) {
            if (Files.exists(file)) {
                try {
                    return Optional.of(parse(file, Files.readAllLines(file, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw MountException.failed("mounts.conf", file.toString(), e);
                }
            }
        }
        return Optional.empty();
    }

    static MountsConf parse(Path file, List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String problem = problem(line);
            if (problem != null) {
                LOG.log(System.Logger.Level.WARNING, "{0}:{1}: `{2}` skipped: {3}", file, i + 1, line, problem);
                continue;
            }
            int colon = line.indexOf(':');
            String host = colon < 0 ? line : line.substring(0, colon);
            String container = colon < 0 ? line : line.substring(colon + 1);
            entries.add(new Entry(Path.of(host), CleanPath.clean("/" + container)));
        }
        return new MountsConf(file, entries);
    }

    /** Why a line cannot be used, or null. A ".." could make the copy land outside its directory. */
    private static String problem(String line) {
        int colon = line.indexOf(':');
        String host = colon < 0 ? line : line.substring(0, colon);
        String container = colon < 0 ? line : line.substring(colon + 1);
        if (host.isEmpty() || container.isEmpty()) {
            return "empty host or container path";
        }
        if (!CleanPath.isAbsolute(host)) {
            return "host path is not absolute";
        }
        if (List.of(container.split("/")).contains("..")) {
            return "container path contains `..`";
        }
        if (line.indexOf('\0') >= 0) {
            return "contains a NUL byte";
        }
        if (CleanPath.clean("/" + container).equals("/")) {
            return "container path is the root";
        }
        return null;
    }
}
