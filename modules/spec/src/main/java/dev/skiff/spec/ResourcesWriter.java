package dev.skiff.spec;

import java.io.IOException;

/** The {@code linux.resources} part of {@link SpecWriter}: the cgroup settings. */
final class ResourcesWriter {
    private ResourcesWriter() {}

    static void resources(JsonOut out, Resources resources) throws IOException {
        out.objects("devices", resources.devices(), ResourcesWriter::deviceRule);
        out.object("memory", resources.memory(), ResourcesWriter::memory);
        out.object("cpu", resources.cpu(), ResourcesWriter::cpu);
        out.object("pids", resources.pids(), (o, pids) -> o.number("limit", pids.limit()));
        out.object("blockIO", resources.blockIO(), ResourcesWriter::blockIo);
        out.objects("hugepageLimits", resources.hugepageLimits(), ResourcesWriter::hugepageLimit);
        out.object("network", resources.network(), ResourcesWriter::network);
        out.stringMap("unified", resources.unified());
        out.extensions(resources.extensions());
    }

    /** {@code allow} is always printed: {@code {"allow": false, "access": "rwm"}} denies all. */
    private static void deviceRule(JsonOut out, DeviceCgroup rule) throws IOException {
        out.bool("allow", rule.allow());
        out.string("type", rule.type());
        out.number("major", rule.major());
        out.number("minor", rule.minor());
        out.string("access", rule.access());
    }

    private static void memory(JsonOut out, Memory memory) throws IOException {
        out.number("limit", memory.limit());
        out.number("reservation", memory.reservation());
        out.number("swap", memory.swap());
        out.number("kernel", memory.kernel());
        out.number("kernelTCP", memory.kernelTCP());
        out.unsigned("swappiness", memory.swappiness());
        out.bool("disableOOMKiller", memory.disableOOMKiller());
        out.bool("useHierarchy", memory.useHierarchy());
        out.bool("checkBeforeUpdate", memory.checkBeforeUpdate());
    }

    private static void cpu(JsonOut out, Cpu cpu) throws IOException {
        out.unsigned("shares", cpu.shares());
        out.number("quota", cpu.quota());
        out.unsigned("burst", cpu.burst());
        out.unsigned("period", cpu.period());
        out.number("realtimeRuntime", cpu.realtimeRuntime());
        out.unsigned("realtimePeriod", cpu.realtimePeriod());
        out.string("cpus", cpu.cpus());
        out.string("mems", cpu.mems());
        out.number("idle", cpu.idle());
    }

    private static void blockIo(JsonOut out, BlockIo io) throws IOException {
        out.number("weight", io.weight());
        out.number("leafWeight", io.leafWeight());
        out.objects("weightDevice", io.weightDevice(), ResourcesWriter::weightDevice);
        out.objects("throttleReadBpsDevice", io.throttleReadBpsDevice(), ResourcesWriter::throttleDevice);
        out.objects("throttleWriteBpsDevice", io.throttleWriteBpsDevice(), ResourcesWriter::throttleDevice);
        out.objects("throttleReadIOPSDevice", io.throttleReadIOPSDevice(), ResourcesWriter::throttleDevice);
        out.objects("throttleWriteIOPSDevice", io.throttleWriteIOPSDevice(), ResourcesWriter::throttleDevice);
    }

    private static void weightDevice(JsonOut out, BlockIo.WeightDevice device) throws IOException {
        out.number("major", device.major());
        out.number("minor", device.minor());
        out.number("weight", device.weight());
        out.number("leafWeight", device.leafWeight());
    }

    private static void throttleDevice(JsonOut out, BlockIo.ThrottleDevice device) throws IOException {
        out.number("major", device.major());
        out.number("minor", device.minor());
        out.unsigned("rate", device.rate());
    }

    private static void hugepageLimit(JsonOut out, HugepageLimit limit) throws IOException {
        out.string("pageSize", limit.pageSize());
        out.unsigned("limit", limit.limit());
    }

    private static void network(JsonOut out, Network network) throws IOException {
        out.number("classID", network.classID());
        out.objects("priorities", network.priorities(), (o, p) -> {
            o.string("name", p.name());
            o.number("priority", p.priority());
        });
    }
}
