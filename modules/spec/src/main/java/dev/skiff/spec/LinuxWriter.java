package dev.skiff.spec;

import java.io.IOException;

/** The {@code linux} part of {@link SpecWriter}, but for its {@code resources} ({@link ResourcesWriter}). */
final class LinuxWriter {
    private LinuxWriter() {}

    static void linux(JsonOut out, Linux linux) throws IOException {
        out.objects("uidMappings", linux.uidMappings(), LinuxWriter::idMapping);
        out.objects("gidMappings", linux.gidMappings(), LinuxWriter::idMapping);
        out.stringMap("sysctl", linux.sysctl());
        out.object("resources", linux.resources(), ResourcesWriter::resources);
        out.string("cgroupsPath", linux.cgroupsPath());
        out.objects("namespaces", linux.namespaces(), LinuxWriter::namespace);
        out.objects("devices", linux.devices(), LinuxWriter::device);
        out.object("seccomp", linux.seccomp(), LinuxWriter::seccomp);
        out.string("rootfsPropagation", linux.rootfsPropagation());
        out.strings("maskedPaths", linux.maskedPaths());
        out.strings("readonlyPaths", linux.readonlyPaths());
        out.string("mountLabel", linux.mountLabel());
        out.object("intelRdt", linux.intelRdt(), LinuxWriter::intelRdt);
        out.object("personality", linux.personality(), LinuxWriter::personality);
        out.extensions(linux.extensions());
    }

    /** Also the ID maps of an ID-mapped mount. */
    static void idMapping(JsonOut out, IdMapping mapping) throws IOException {
        out.number("containerID", mapping.containerID());
        out.number("hostID", mapping.hostID());
        out.number("size", mapping.size());
    }

    private static void namespace(JsonOut out, Namespace namespace) throws IOException {
        out.name("type", namespace.type());
        out.string("path", namespace.path());
    }

    private static void device(JsonOut out, Device device) throws IOException {
        out.string("path", device.path());
        out.string("type", device.type());
        out.number("major", device.major());
        out.number("minor", device.minor());
        out.number("fileMode", device.fileMode());
        out.number("uid", device.uid());
        out.number("gid", device.gid());
    }

    private static void seccomp(JsonOut out, Seccomp seccomp) throws IOException {
        out.name("defaultAction", seccomp.defaultAction());
        out.number("defaultErrnoRet", seccomp.defaultErrnoRet());
        out.strings("architectures", seccomp.architectures());
        out.strings("flags", seccomp.flags());
        out.string("listenerPath", seccomp.listenerPath());
        out.string("listenerMetadata", seccomp.listenerMetadata());
        out.objects("syscalls", seccomp.syscalls(), LinuxWriter::syscall);
        out.extensions(seccomp.extensions());
    }

    private static void syscall(JsonOut out, Syscall syscall) throws IOException {
        out.strings("names", syscall.names());
        out.name("action", syscall.action());
        out.number("errnoRet", syscall.errnoRet());
        out.objects("args", syscall.args(), LinuxWriter::seccompArg);
    }

    private static void seccompArg(JsonOut out, SeccompArg arg) throws IOException {
        out.number("index", arg.index());
        out.unsigned("value", arg.value());
        if (arg.valueTwo() != 0) {
            out.unsigned("valueTwo", arg.valueTwo());
        }
        out.name("op", arg.op());
    }

    private static void intelRdt(JsonOut out, IntelRdt rdt) throws IOException {
        out.string("closID", rdt.closID());
        out.string("schemata", rdt.schemata());
        out.string("l3CacheSchema", rdt.l3CacheSchema());
        out.string("memBwSchema", rdt.memBwSchema());
        out.flag("enableCMT", rdt.enableCMT());
        out.flag("enableMBM", rdt.enableMBM());
    }

    private static void personality(JsonOut out, Personality personality) throws IOException {
        out.string("domain", personality.domain());
        out.strings("flags", personality.flags());
    }
}
