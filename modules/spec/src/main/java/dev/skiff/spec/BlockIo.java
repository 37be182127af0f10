package dev.skiff.spec;

import java.util.List;

/** {@code linux.resources.blockIO}: blkio / io cgroup weights and throttles. */
public record BlockIo(
        Integer weight,
        Integer leafWeight,
        List<WeightDevice> weightDevice,
        List<ThrottleDevice> throttleReadBpsDevice,
        List<ThrottleDevice> throttleWriteBpsDevice,
        List<ThrottleDevice> throttleReadIOPSDevice,
        List<ThrottleDevice> throttleWriteIOPSDevice) {

    public BlockIo {
        weightDevice = Copies.list(weightDevice);
        throttleReadBpsDevice = Copies.list(throttleReadBpsDevice);
        throttleWriteBpsDevice = Copies.list(throttleWriteBpsDevice);
        throttleReadIOPSDevice = Copies.list(throttleReadIOPSDevice);
        throttleWriteIOPSDevice = Copies.list(throttleWriteIOPSDevice);
    }

    /** A per-device weight ({@code major:minor weight}). */
    public record WeightDevice(long major, long minor, Integer weight, Integer leafWeight) {}

    /** A per-device rate limit, bytes or operations per second (unsigned). */
    public record ThrottleDevice(long major, long minor, @Unsigned64 long rate) {}
}
