package dev.skiff.mounts;

/**
 * What the spec mounts' rewrites depend on.
 *
 * @param userNamespace the container gets a user namespace (always true for a rootless run)
 * @param hostIpc       the container shares the host's IPC namespace
 * @param hostNetwork   the container shares the host's network namespace
 */
public record NamespaceFlags(boolean userNamespace, boolean hostIpc, boolean hostNetwork) {
    /** Root without a user namespace, private IPC and network: no rewrites. */
    public static final NamespaceFlags PRIVATE = new NamespaceFlags(false, false, false);
}
