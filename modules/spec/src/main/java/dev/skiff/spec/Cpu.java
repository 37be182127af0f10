package dev.skiff.spec;

/**
 * {@code linux.resources.cpu}; every field is optional (null). Times are microseconds;
 * {@code shares}, {@code burst}, {@code period} and {@code realtimePeriod} are unsigned.
 *
 * @param cpus cpuset list ({@code 0-3,7})
 * @param mems memory-node list
 */
public record Cpu(
        @Unsigned64 Long shares,
        Long quota,
        @Unsigned64 Long burst,
        @Unsigned64 Long period,
        Long realtimeRuntime,
        @Unsigned64 Long realtimePeriod,
        String cpus,
        String mems,
        Long idle) {

    public static final Cpu EMPTY = new Cpu(null, null, null, null, null, null, null, null, null);

    public Cpu withShares(Long shares) {
        return new Cpu(shares, quota, burst, period, realtimeRuntime, realtimePeriod, cpus, mems, idle);
    }

    public Cpu withQuota(Long quota) {
        return new Cpu(shares, quota, burst, period, realtimeRuntime, realtimePeriod, cpus, mems, idle);
    }

    public Cpu withPeriod(Long period) {
        return new Cpu(shares, quota, burst, period, realtimeRuntime, realtimePeriod, cpus, mems, idle);
    }

    public Cpu withCpus(String cpus) {
        return new Cpu(shares, quota, burst, period, realtimeRuntime, realtimePeriod, cpus, mems, idle);
    }

    public Cpu withMems(String mems) {
        return new Cpu(shares, quota, burst, period, realtimeRuntime, realtimePeriod, cpus, mems, idle);
    }
}
