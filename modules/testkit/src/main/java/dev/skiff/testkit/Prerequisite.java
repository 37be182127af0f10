package dev.skiff.testkit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A host prerequisite of an integration test (a tool, a plugin, root) that is not there:
 * with CI=true the test fails, since CI must never pass by skipping; elsewhere it is
 * skipped. scripts/host-packages installs every prerequisite.
 */
public final class Prerequisite {
    private Prerequisite() {}

    /** Returns when {@code condition} holds; else fails (CI) or skips, saying {@code why}. */
    public static void require(boolean condition, String why) {
        if (!condition) {
            missing(why);
        }
    }

    /** Never returns: fails with CI=true, else skips, saying {@code why}. */
    public static <T> T missing(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return Assertions.fail("CI=true: " + why);
        }
        return Assumptions.abort(why);
    }
}
