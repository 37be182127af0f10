package dev.skiff.network;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A CNI configuration directory as libcni reads it: {@code .conf}, {@code .conflist}
 * and {@code .json} files in lexical order of their names; unnamed configs are skipped,
 * and when two files name the same network the first wins. Every file is parsed, so a
 * malformed one is reported even when it is not selected (as libcni does).
 */
public final class ConfigDir {
    public static final Path DEFAULT = Path.of("/etc/cni/net.d");
    private static final System.Logger LOG = System.getLogger(ConfigDir.class.getName());

    private final Path dir;

    public ConfigDir(Path dir) {
        this.dir = dir;
    }

    public static ConfigDir defaults() {
        return new ConfigDir(DEFAULT);
    }

    public Path path() {
        return dir;
    }

    /** Every named network, in lexical order of the files; empty when the directory is missing. */
    public List<Network> loadAll() throws CniConfigException {
        return List.copyOf(scan(Optional.empty()).values());
    }

    /** The networks named, in the order named; a name with no config is an error. */
    public List<Network> load(List<String> names) throws CniConfigException {
        Map<String, Network> found = scan(Optional.of(names));
        List<Network> out = new ArrayList<>();
        for (String name : names) {
            Network network = found.get(name);
            if (network == null) {
                throw new CniConfigException(dir, "no network named \"" + name + "\" (found: "
                        + (found.isEmpty() ? "none" : String.join(", ", found.keySet())) + ")");
            }
            out.add(network);
        }
        return out;
    }

    private Map<String, Network> scan(Optional<List<String>> selected) throws CniConfigException {
        Map<String, Network> byName = new LinkedHashMap<>();
        for (Path file : configFiles()) {
            Optional<Network> parsed = parse(file);
            if (parsed.isEmpty()) {
                LOG.log(Level.DEBUG, "CNI config {0}: no network name, skipped", file);
                continue;
            }
            Network network = parsed.get();
            if (selected.isPresent() && !selected.get().contains(network.name())) {
                LOG.log(Level.DEBUG, "CNI config {0}: network \"{1}\" not selected, skipped", file, network.name());
            } else if (byName.containsKey(network.name())) {
                LOG.log(Level.DEBUG, "CNI config {0}: network \"{1}\" already defined by {2}, skipped", file,
                        network.name(), byName.get(network.name()).source().orElse(dir));
            } else {
                byName.put(network.name(), network);
            }
        }
        return byName;
    }

    private static Optional<Network> parse(Path file) throws CniConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CniConfigException(file, "cannot read: " + e, e);
        }
        return file.getFileName().toString().endsWith(".conflist")
                ? NetworkConfigParser.parseConflist(file, text)
                : NetworkConfigParser.parseConf(file, text);
    }

    /** The config files, sorted by name (byte order for ASCII names, as Go's sort.Strings). */
    List<Path> configFiles() throws CniConfigException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(ConfigDir::isConfigName)
                    .filter(Files::isRegularFile)
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (NoSuchFileException e) {
            LOG.log(Level.DEBUG, "CNI config directory {0} does not exist: no networks", dir);
            return List.of();
        } catch (IOException e) {
            throw new CniConfigException(dir, "cannot list: " + e, e);
        }
    }

    private static boolean isConfigName(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".conf") || name.endsWith(".conflist") || name.endsWith(".json");
    }
}
