package dev.skiff.spec;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code linux.resources}: the cgroup settings.
 *
 * @param unified cgroup v2 files and their values ({@code memory.high}: {@code 1G})
 * @param extensions properties this model does not name ({@code rdma}, ...), kept for round trips
 */
public record Resources(
        List<DeviceCgroup> devices,
        Memory memory,
        Cpu cpu,
        Pids pids,
        BlockIo blockIO,
        List<HugepageLimit> hugepageLimits,
        Network network,
        Map<String, String> unified,
        @JsonAnyGetter @JsonAnySetter Map<String, Object> extensions) {

    public static final Resources EMPTY = new Resources(null, null, null, null, null, null, null, null, null);

    public Resources {
        devices = Copies.list(devices);
        hugepageLimits = Copies.list(hugepageLimits);
        unified = Copies.sortedMap(unified);
        extensions = Copies.map(extensions);
    }

    public Resources withDevices(List<DeviceCgroup> devices) {
        return new Resources(devices, memory, cpu, pids, blockIO, hugepageLimits, network, unified, extensions);
    }

    /** Appends one rule; later rules override earlier ones in the device cgroup. */
    public Resources withDevice(DeviceCgroup rule) {
        List<DeviceCgroup> changed = new ArrayList<>(devices);
        changed.add(rule);
        return withDevices(changed);
    }

    public Resources withMemory(Memory memory) {
        return new Resources(devices, memory, cpu, pids, blockIO, hugepageLimits, network, unified, extensions);
    }

    public Resources withCpu(Cpu cpu) {
        return new Resources(devices, memory, cpu, pids, blockIO, hugepageLimits, network, unified, extensions);
    }

    public Resources withPids(Pids pids) {
        return new Resources(devices, memory, cpu, pids, blockIO, hugepageLimits, network, unified, extensions);
    }

    public Resources withBlockIO(BlockIo blockIO) {
        return new Resources(devices, memory, cpu, pids, blockIO, hugepageLimits, network, unified, extensions);
    }

    public Resources withHugepageLimits(List<HugepageLimit> hugepageLimits) {
        return new Resources(devices, memory, cpu, pids, blockIO, hugepageLimits, network, unified, extensions);
    }

    public Resources withNetwork(Network network) {
        return new Resources(devices, memory, cpu, pids, blockIO, hugepageLimits, network, unified, extensions);
    }

    public Resources withUnified(Map<String, String> unified) {
        return new Resources(devices, memory, cpu, pids, blockIO, hugepageLimits, network, unified, extensions);
    }
}
