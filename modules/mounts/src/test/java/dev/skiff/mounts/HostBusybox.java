package dev.skiff.mounts;

import dev.skiff.testkit.Prerequisite;
import java.io.IOException;
import java.nio.file.Path;

/** The host's static busybox for tests: skipped locally when absent, a failure in CI. */
final class HostBusybox {
    private HostBusybox() {}

    static Path require() {
        try {
            return BusyboxRootfs.locateBusybox();
        } catch (IOException e) {
            return Prerequisite.missing("no usable busybox (install busybox-static): " + e.getMessage());
        }
    }
}
