package dev.skiff.spec;

import java.util.regex.Pattern;

/**
 * The cgroup settings of a run (buildah's {@code CommonBuildOptions} part of them). Every field
 * is optional (null); as in buildah, a zero leaves the setting out too.
 *
 * @param cpuPeriod CFS period, microseconds
 * @param cpuQuota CFS quota per period, microseconds; -1 means none
 * @param cpuShares relative weight
 * @param cpusetCpus CPU list ({@code 0-3,7})
 * @param cpusetMems memory-node list
 * @param memory bytes
 * @param memorySwap memory plus swap, bytes; -1 means unlimited swap
 * @param cgroupParent the cgroup the container's is created under ({@code linux.cgroupsPath})
 */
public record ResourceLimits(
        Long cpuPeriod,
        Long cpuQuota,
        Long cpuShares,
        String cpusetCpus,
        String cpusetMems,
        Long memory,
        Long memorySwap,
        String cgroupParent) {

    public static final ResourceLimits NONE = new ResourceLimits(null, null, null, null, null, null, null, null);

    /** The kernel's list syntax: {@code 0-3,7}, ranges with an optional stride ({@code 0-7:2}). */
    private static final Pattern CPU_LIST = Pattern.compile("\\d+(-\\d+(:\\d+)?)?(,\\d+(-\\d+(:\\d+)?)?)*");

    public ResourceLimits {
        nonNegative("cpu-period", cpuPeriod);
        nonNegative("cpu-shares", cpuShares);
        nonNegative("memory", memory);
        if (cpuQuota != null && cpuQuota < -1) {
            throw new SpecException("cpu-quota", cpuQuota.toString(), "must be -1 (no quota) or a number of microseconds");
        }
        checkList("cpuset-cpus", cpusetCpus);
        checkList("cpuset-mems", cpusetMems);
        checkSwap(memory, memorySwap);
        if (cgroupParent != null && cgroupParent.isEmpty()) {
            cgroupParent = null;
        }
    }

    /**
     * docker's rules, which buildah leaves to the runtime to find out: swap includes memory, so it
     * cannot be smaller, and it means nothing without a memory limit.
     */
    private static void checkSwap(Long memory, Long swap) {
        if (swap == null || swap == 0 || swap == -1) {
            return;
        }
        if (swap < -1) {
            throw new SpecException("memory-swap", swap.toString(), "must be -1 (unlimited) or a size");
        }
        if (memory == null || memory == 0) {
            throw new SpecException("memory-swap", swap.toString(), "needs a memory limit too (it is memory plus swap)");
        }
        if (swap < memory) {
            throw new SpecException("memory-swap", swap.toString(), "must not be less than the memory limit " + memory);
        }
    }

    private static void nonNegative(String subject, Long value) {
        if (value != null && value < 0) {
            throw new SpecException(subject, value.toString(), "must not be negative");
        }
    }

    /**
     * Checks a cpuset list ({@code --cpuset-cpus}, {@code --cpuset-mems}) on its own.
     *
     * @return {@code value}
     */
    public static String checkList(String subject, String value) {
        if (value != null && !value.isEmpty() && !CPU_LIST.matcher(value).matches()) {
            throw new SpecException(subject, value, "expected a list such as 0-3,7");
        }
        return value;
    }
}
