package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdMapsTest {
    @Test
    void parsesOneTriple() {
        assertThat(IdMaps.parse("uidmap", "0:100000:65536")).containsExactly(new IdMapping(0, 100000, 65536));
    }

    @Test
    void parsesChainedTriplesAsContainersStorageDoes() {
        assertThat(IdMaps.parse("uidmap", "0:1000:1:1:100000:65536"))
                .containsExactly(new IdMapping(0, 1000, 1), new IdMapping(1, 100000, 65536));
    }

    @Test
    void acceptsTheWholeRange() {
        assertThat(IdMaps.parse("uidmap", "0:0:4294967295")).containsExactly(new IdMapping(0, 0, 4294967295L));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''              | uidmap ``: expected CONTAINER:HOST:SIZE",
        "0:100000        | uidmap `0:100000`: expected CONTAINER:HOST:SIZE",
        "0:1:2:3         | uidmap `0:1:2:3`: expected CONTAINER:HOST:SIZE",
        "a:1:2           | uidmap `a:1:2`: container ID `a` is not a number from 0 to 4294967295",
        "0:-1:2          | uidmap `0:-1:2`: host ID `-1` is not a number from 0 to 4294967295",
        "0:1:4294967296  | uidmap `0:1:4294967296`: size `4294967296` is not a number from 0 to 4294967295",
        "0:1:0           | uidmap `0:1:0`: size must be at least 1",
        "1:0:4294967295  | uidmap `1:0:4294967295`: ID + size must not exceed 4294967295",
        "0:1:4294967295  | uidmap `0:1:4294967295`: ID + size must not exceed 4294967295",
        "0,1,2           | uidmap `0,1,2`: expected CONTAINER:HOST:SIZE",
    })
    void rejectsMalformedMaps(String text, String message) {
        assertThatThrownBy(() -> IdMaps.parse("uidmap", text)).isInstanceOf(SpecException.class).hasMessage(message);
    }

    @Test
    void readsTheKernelsMapFormat(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("uid_map");
        Files.writeString(file, "         0     100000      65536\n     65536          0          1\n");

        assertThat(IdMaps.readProcMap(file)).containsExactly(new IdMapping(0, 100000, 65536), new IdMapping(65536, 0, 1));
    }

    @Test
    void readsThisProcessesMaps() {
        List<IdMapping> own = IdMaps.readProcMap(Path.of("/proc/self/uid_map"));
        assertThat(own).isNotEmpty();
    }

    @Test
    void malformedMapFileNamesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("uid_map");
        Files.writeString(file, "0 0\n");

        assertThatThrownBy(() -> IdMaps.readProcMap(file))
                .isInstanceOf(SpecException.class)
                .hasMessage("ID map `" + file + "`: malformed line `0 0`");
    }
}
