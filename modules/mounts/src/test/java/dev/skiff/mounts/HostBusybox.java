package dev.skiff.mounts;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;

/** The host's static busybox for tests: skipped locally when absent, a failure in CI. */
final class HostBusybox {
    private HostBusybox() {}

    static Path require() {
        try {
            return BusyboxRootfs.locateBusybox();
        } catch (IOException e) {
            // CI must never pass by skipping: a missing busybox-static is a broken CI image.
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                return fail("CI=true and no usable busybox: " + e.getMessage(), e);
            }
            assumeTrue(false, "no usable busybox (install busybox-static): " + e.getMessage());
            throw new AssertionError("unreachable");
        }
    }
}
