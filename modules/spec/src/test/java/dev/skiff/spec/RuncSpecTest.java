package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Round trip on what the installed runc generates. runc is a prerequisite of the project: when it
 * is missing this test fails (it never skips), with CI=true or not.
 */
@Tag("runc")
class RuncSpecTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTripOfRuncSpec(boolean rootless, @TempDir Path bundle) throws Exception {
        Path config = runcSpec(bundle, rootless);
        String original = Files.readString(config);

        Spec spec = Spec.read(config);
        spec.write(config);

        String written = Files.readString(config);
        assertThat(Fixtures.tree(written)).isEqualTo(Fixtures.tree(original));
        assertThat(written).isEqualTo(original);
        assertThat(spec.linux().namespace(NamespaceType.USER).isPresent()).isEqualTo(rootless);
    }

    private static Path runcSpec(Path bundle, boolean rootless) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(runc().toString(), "spec"));
        if (rootless) {
            command.add("--rootless");
        }
        Process runc = new ProcessBuilder(command).directory(bundle.toFile()).redirectErrorStream(true).start();
        String output = new String(runc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!runc.waitFor(30, TimeUnit.SECONDS) || runc.exitValue() != 0) {
            fail(command + " in " + bundle + " failed: " + output);
        }
        return bundle.resolve("config.json");
    }

    private static Path runc() {
        String path = System.getenv().getOrDefault("PATH", "");
        Stream<String> dirs = Stream.concat(Stream.of(path.split(File.pathSeparator)),
                Stream.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/local/bin", "/usr/bin"));
        return dirs.filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "runc"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError("runc not found on PATH or in /usr/sbin (CI="
                        + System.getenv("CI") + "): install runc, a prerequisite of Skiff's tests"));
    }
}
