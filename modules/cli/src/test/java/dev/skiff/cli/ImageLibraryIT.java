package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library used from the runtime image itself: its monitor child starts as the
 * command's module and maps the image's AOT cache (MonitorCommandLine), and the run
 * works as on a module path. The client is compiled against the image's modules and
 * runs on the image's java, as bench/LibraryRun does.
 */
class ImageLibraryIT {
    @TempDir
    static Path shared;
    static Path rootfs;
    static Path classes;

    @TempDir
    Path state;

    @BeforeAll
    static void compileClient() throws Exception {
        Prerequisites.root();
        Prerequisites.runc();
        rootfs = SkiffCommand.busyboxRootfs(shared.resolve("rootfs"));
        Path source = shared.resolve("ImageClient.java");
        try (InputStream in = ImageLibraryIT.class.getResourceAsStream("/image-client/ImageClient.java")) {
            Files.copy(in, source);
        }
        classes = shared.resolve("classes");
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        int code = javac.run(System.out, System.err, "--system", image().toString(), "-d", classes.toString(),
                source.toString());
        assertThat(code).as("javac of the image client").isZero();
    }

    static Path image() {
        return SkiffCommand.launcher().getParent().getParent();
    }

    @Test
    void theMonitorChildStartsAsTheCommandsModuleAndMapsTheAotCache() throws Exception {
        assertThat(image().resolve("lib/skiff.aot")).as("the build trains the image's AOT cache").isRegularFile();
        Process p = new ProcessBuilder(image().resolve("bin/java").toString(), "-cp", classes.toString(),
                "ImageClient", rootfs.toString(), state.toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("-XX:AOTCache=" + image().toRealPath().resolve("lib/skiff.aot"))
                .contains("-m dev.skiff.cli/dev.skiff.cli.Main monitor-child")
                .containsPattern("maps [1-9]")
                .contains("out hello")
                .contains("err []")
                .contains("status Exited[code=0]");
        assertThat(Files.list(state)).as("bundles left").isEmpty();
    }
}
