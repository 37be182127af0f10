package dev.skiff.spec;

/**
 * {@code linux.resources.memory}; every field is optional (null). Byte counts are signed 64-bit
 * ({@code -1} means unlimited); {@code swappiness} is unsigned.
 *
 * @param swap memory plus swap, as in cgroup v1's memsw
 * @param kernel deprecated in the spec; runtimes ignore it on cgroup v2
 */
public record Memory(
        Long limit,
        Long reservation,
        Long swap,
        Long kernel,
        Long kernelTCP,
        @Unsigned64 Long swappiness,
        Boolean disableOOMKiller,
        Boolean useHierarchy,
        Boolean checkBeforeUpdate) {

    public static final Memory EMPTY = new Memory(null, null, null, null, null, null, null, null, null);

    public Memory withLimit(Long limit) {
        return new Memory(limit, reservation, swap, kernel, kernelTCP, swappiness, disableOOMKiller,
                useHierarchy, checkBeforeUpdate);
    }

    public Memory withReservation(Long reservation) {
        return new Memory(limit, reservation, swap, kernel, kernelTCP, swappiness, disableOOMKiller,
                useHierarchy, checkBeforeUpdate);
    }

    public Memory withSwap(Long swap) {
        return new Memory(limit, reservation, swap, kernel, kernelTCP, swappiness, disableOOMKiller,
                useHierarchy, checkBeforeUpdate);
    }

    public Memory withSwappiness(Long swappiness) {
        return new Memory(limit, reservation, swap, kernel, kernelTCP, swappiness, disableOOMKiller,
                useHierarchy, checkBeforeUpdate);
    }

    public Memory withDisableOOMKiller(Boolean disableOOMKiller) {
        return new Memory(limit, reservation, swap, kernel, kernelTCP, swappiness, disableOOMKiller,
                useHierarchy, checkBeforeUpdate);
    }
}
