package dev.skiff.testkit;

import java.nio.file.Path;

/**
 * What one soak test owns on a host that other runs share: host-wide things are counted
 * only where they belong to it.
 *
 * @param stateDir    Skiff's state dir of the test's runs: bundles, journals
 * @param rootfs      the runs' root filesystem; a process whose root is this directory is a container's
 * @param runtime     the runtime binary
 * @param runtimeRoot the runtime's {@code --root}, the test's own
 * @param bridge      the CNI bridge of the test's network, or null without one
 * @param leaseDir    host-local's {@code dataDir} for that network, or null
 */
public record Scope(Path stateDir, Path rootfs, Path runtime, Path runtimeRoot, String bridge, Path leaseDir) {}
