package dev.skiff.runtime;

import dev.skiff.network.Attachments;
import dev.skiff.network.AttachmentsRecord;
import dev.skiff.network.Cni;
import dev.skiff.network.CniException;
import dev.skiff.network.PluginPath;
import dev.skiff.network.SpawnPluginExecutor;
import dev.skiff.runtime.oci.OciRuntime;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finishes what killed runs left: for every bundle in a state directory whose monitor is
 * gone, kills and deletes the runtime container, runs CNI DEL for the recorded
 * attachments, and removes the bundle. Runs still in flight are left alone. Safe to run
 * at any time, and twice.
 */
public final class Cleanup {
    private static final System.Logger LOG = System.getLogger(Cleanup.class.getName());
    /** A bundle without a journal is one that a crash interrupted right after mkdir. */
    private static final Duration UNJOURNALED_GRACE = Duration.ofMinutes(1);

    private Cleanup() {}

    /** What one cleanup pass did: the runs it finished and the ones it could not. */
    public record Report(List<String> cleaned, List<String> failed) {}

    public static Report run(Path stateDir) throws IOException {
        List<String> cleaned = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        if (!Files.isDirectory(stateDir)) {
            return new Report(cleaned, failed);
        }
        try (var dirs = Files.list(stateDir)) {
            for (Path bundle : dirs.filter(d -> d.getFileName().toString().startsWith("skiff-")).toList()) {
                try {
                    if (finish(bundle)) {
                        cleaned.add(bundle.getFileName().toString());
                    }
                } catch (IOException | CniException e) {
                    LOG.log(Level.WARNING, "cleanup {0}: {1}", bundle, e.getMessage());
                    failed.add(bundle.getFileName() + ": " + e.getMessage());
                }
            }
        }
        return new Report(cleaned, failed);
    }

    /** Undoes one run if its monitor is gone; false when it is still in flight. */
    private static boolean finish(Path bundleDir) throws IOException, CniException {
        Path journal = bundleDir.resolve(Journal.FILE);
        if (!Files.exists(journal)) {
            FileTime made = Files.getLastModifiedTime(bundleDir);
            if (made.toInstant().isAfter(Instant.now().minus(UNJOURNALED_GRACE))) {
                return false;
            }
            Bundle.at(bundleDir).close();
            return true;
        }
        Journal.Entry entry = Journal.read(bundleDir);
        String start = Journal.startTime(entry.monitorPid());
        if (start != null && start.equals(entry.monitorStart())) {
            return false;
        }
        OciRuntime runtime = new OciRuntime(new OciRuntime.Global(entry.runtime(), entry.runtimeRoot(),
                entry.runtimeFlags()));
        runtime.deleteIfExists(entry.id());
        detach(bundleDir, entry);
        if (entry.ephemeralContainerDir() != null) {
            new dev.skiff.mounts.ContainerDirs(entry.ephemeralContainerDir().getParent().getParent(),
                    entry.ephemeralContainerDir().getFileName().toString()).delete();
        }
        Bundle.at(bundleDir).close();
        LOG.log(Level.DEBUG, "cleaned up {0}", entry.id());
        return true;
    }

    private static void detach(Path bundleDir, Journal.Entry entry) throws IOException, CniException {
        Path record = bundleDir.resolve(Journal.ATTACHMENTS);
        if (!Files.exists(record)) {
            return;
        }
        Attachments attachments = AttachmentsRecord.fromJson(record, Files.readString(record));
        Cni cni = entry.cniPluginPath() == null ? Cni.withDefaults()
                : new Cni(PluginPath.parse(entry.cniPluginPath()), new SpawnPluginExecutor());
        cni.detach(attachments);
        Files.delete(record);
    }
}
