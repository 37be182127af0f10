package dev.skiff.mounts;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of one volume or mount being parsed: each setting may be given once, and
 * its opposite ({@code ro} after {@code rw}, a second propagation) is a conflict.
 * Shared by the {@code -v} and {@code --mount} parsers so both report the same way.
 */
final class VolumeOptions {
    /** Options buildah knows that Skiff does not implement, with what they would do. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "O", "overlay mount",
            "U", "chown to the container user",
            "copy", "copy-up",
            "nocopy", "copy-up",
            "no-dereference", "no-dereference");

    private final String what;
    private final String spec;
    private String readability;
    private boolean readOnly;
    private String propagationGiven;
    private Propagation propagation = Propagation.PRIVATE;
    private String relabelGiven;
    private Relabel relabel = Relabel.NONE;
    private String recursionGiven;
    private boolean recursive = true;
    private final List<String> flags = new ArrayList<>();
    /** Flag given per pair ("suid" for nosuid/suid), to find conflicts. */
    private final Map<String, String> flagPairs = new HashMap<>();

    VolumeOptions(String what, String spec) {
        this.what = what;
        this.spec = spec;
    }

    MountException invalid(String problem) {
        return MountException.invalid(what, spec, problem);
    }

    /** One option of a {@code -v} value. */
    void addVolumeOption(String option) throws MountException {
        if (option.isEmpty()) {
            throw invalid("empty option (two commas, or a comma at either end)");
        }
        switch (option) {
            case "rw" -> readOnly(false, option);
            case "ro" -> readOnly(true, option);
            case "z" -> relabel(Relabel.SHARED, option);
            case "Z" -> relabel(Relabel.PRIVATE, option);
            case "rbind" -> recursive(true, option);
            case "bind" -> recursive(false, option);
            // Docker-for-Mac consistency hints: no meaning on Linux, dropped as buildah does.
            case "cached", "delegated" -> { }
            default -> addOther(option);
        }
    }

    private void addOther(String option) throws MountException {
        if (Propagation.of(option).isPresent()) {
            propagation(Propagation.of(option).get(), option);
        } else if (!flag(option)) {
            throw unknown(option);
        }
    }

    MountException unknown(String option) {
        String unsupported = UNSUPPORTED.get(option);
        if (unsupported != null || option.startsWith("idmap")) {
            return invalid("option `" + option + "` (" + (unsupported != null ? unsupported : "ID-mapped mount")
                    + ") is not supported");
        }
        return invalid("unknown option `" + option + "`");
    }

    void readOnly(boolean value, String given) throws MountException {
        once(readability, given);
        readability = given;
        readOnly = value;
    }

    void propagation(Propagation value, String given) throws MountException {
        once(propagationGiven, given);
        propagationGiven = given;
        propagation = value;
    }

    void relabel(Relabel value, String given) throws MountException {
        once(relabelGiven, given);
        relabelGiven = given;
        relabel = value;
    }

    void recursive(boolean value, String given) throws MountException {
        once(recursionGiven, given);
        recursionGiven = given;
        recursive = value;
    }

    /** Adds {@code nosuid}/{@code suid}, {@code nodev}/{@code dev}, {@code noexec}/{@code exec}; false for anything else. */
    boolean flag(String option) throws MountException {
        String pair = option.startsWith("no") ? option.substring(2) : option;
        if (!pair.equals("suid") && !pair.equals("dev") && !pair.equals("exec")) {
            return false;
        }
        once(flagPairs.get(pair), option);
        flagPairs.put(pair, option);
        flags.add(option);
        return true;
    }

    /** A setting may be given once; a second one conflicts or repeats. */
    private void once(String earlier, String given) throws MountException {
        if (earlier == null) {
            return;
        }
        if (earlier.equals(given)) {
            throw invalid("option `" + given + "` given twice");
        }
        throw invalid("conflicting options `" + earlier + "` and `" + given + "`");
    }

    /** Checks the host path (absolute, exists) and makes the bind volume. */
    BindVolume bind(String hostPath, String destination) throws MountException {
        if (!CleanPath.isAbsolute(hostPath)) {
            throw invalid("host path `" + hostPath + "` is not absolute");
        }
        Path source;
        try {
            source = Path.of(hostPath);
        } catch (InvalidPathException e) {
            // A NUL, or a character the file system's encoding cannot hold (a lone surrogate).
            throw invalid("host path `" + hostPath + "` is not a valid path: " + e.getReason());
        }
        if (!Files.exists(source)) {
            throw invalid("host path `" + hostPath + "` does not exist");
        }
        return new BindVolume(spec, source, destination, readOnly, propagation, recursive, relabel, flags);
    }

    TmpfsVolume tmpfs(String destination, String size, Integer mode) {
        return new TmpfsVolume(spec, destination, readOnly, size, mode, flags);
    }

    /** Checks a container path (non-empty, absolute, not "/") and cleans it. */
    String destination(String containerPath) throws MountException {
        if (containerPath.isEmpty()) {
            throw invalid("empty container path");
        }
        if (!CleanPath.isAbsolute(containerPath)) {
            throw invalid("container path `" + containerPath + "` is not absolute");
        }
        String clean = CleanPath.clean(containerPath);
        if (clean.equals("/")) {
            throw invalid("container path `" + containerPath + "` would cover the container's root");
        }
        return clean;
    }
}
