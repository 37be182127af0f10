package dev.skiff.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** The journal a run leaves in its bundle: the bytes jackson-jr wrote before, and read back whole. */
class JournalTest {
    @TempDir
    Path dir;

    static List<Journal.Entry> entries() {
        return List.of(
                new Journal.Entry("skiff-0123456789ab", Path.of("/usr/sbin/runc"), null, List.of(), 42, "7", null, null),
                new Journal.Entry("skiff-ba9876543210", Path.of("/usr/local/bin/crun"), Path.of("/run/user/1001/runc"),
                        List.of("--debug", "--systemd-cgroup", ""), Long.MAX_VALUE, null, "/usr/lib/cni:/opt/cni/bin",
                        Path.of("/var/lib/skiff/containers/x")),
                new Journal.Entry("a\"b\\c\u0000\u001f\u2028é", Path.of("/ru n/\ttab"), null, List.of("\n"), -1, "", "",
                        null));
    }

    @ParameterizedTest
    @MethodSource("entries")
    void writesWhatJacksonJrWrote(Journal.Entry entry) throws IOException {
        Bundle bundle = Bundle.create(dir, "skiff-0123456789ab");
        Journal.begin(bundle, entry);

        assertThat(Files.readString(bundle.dir().resolve(Journal.FILE))).isEqualTo(JSON.std.asString(asJacksonJrMap(entry)));
        assertThat(Journal.read(bundle.dir())).isEqualTo(entry);
        bundle.close();
    }

    /** The map Journal.begin gave jackson-jr, which left out its null values. */
    private static Map<String, Object> asJacksonJrMap(Journal.Entry entry) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", entry.id());
        doc.put("runtime", entry.runtime().toString());
        doc.put("runtimeRoot", entry.runtimeRoot() == null ? null : entry.runtimeRoot().toString());
        doc.put("runtimeFlags", entry.runtimeFlags());
        doc.put("monitorPid", entry.monitorPid());
        doc.put("monitorStart", entry.monitorStart());
        doc.put("cniPluginPath", entry.cniPluginPath());
        doc.put("ephemeralContainerDir", entry.ephemeralContainerDir() == null ? null
                : entry.ephemeralContainerDir().toString());
        return doc;
    }
}
