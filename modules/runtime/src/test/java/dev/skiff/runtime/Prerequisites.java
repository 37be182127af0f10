package dev.skiff.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the integration tests need on the host. A missing prerequisite fails the test,
 * never skips it: CI must not turn a broken machine into a green run.
 */
final class Prerequisites {
    private Prerequisites() {}

    static Path runc() {
        for (String dir : new String[] {"/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin"}) {
            Path p = Path.of(dir, "runc");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError("runc is not installed (scripts/host-packages installs it)");
    }

    static void root() {
        assertThat(System.getProperty("user.name")).as("these tests run containers as root").isEqualTo("root");
    }
}
