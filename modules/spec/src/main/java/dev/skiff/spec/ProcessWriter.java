package dev.skiff.spec;

import java.io.IOException;

/** The {@code process} part of {@link SpecWriter}. */
final class ProcessWriter {
    private ProcessWriter() {}

    static void process(JsonOut out, ProcessSpec process) throws IOException {
        out.flag("terminal", process.terminal());
        out.object("consoleSize", process.consoleSize(), ProcessWriter::consoleSize);
        out.object("user", process.user(), ProcessWriter::user);
        out.strings("args", process.args());
        out.strings("env", process.env());
        out.string("cwd", process.cwd());
        capabilities(out, process.capabilities());
        out.objects("rlimits", process.rlimits(), ProcessWriter::rlimit);
        out.flag("noNewPrivileges", process.noNewPrivileges());
        out.string("apparmorProfile", process.apparmorProfile());
        out.number("oomScoreAdj", process.oomScoreAdj());
        out.string("selinuxLabel", process.selinuxLabel());
        out.extensions(process.extensions());
    }

    private static void consoleSize(JsonOut out, ConsoleSize size) throws IOException {
        out.number("height", size.height());
        out.number("width", size.width());
    }

    private static void user(JsonOut out, User user) throws IOException {
        out.number("uid", user.uid());
        out.number("gid", user.gid());
        out.number("umask", user.umask());
        out.numbers("additionalGids", user.additionalGids());
        out.string("username", user.username());
    }

    /** Printed whenever set, as {@code {}} when every set is empty: "no capabilities" is explicit. */
    private static void capabilities(JsonOut out, Capabilities caps) throws IOException {
        if (caps == null) {
            return;
        }
        out.startObject("capabilities");
        out.strings("bounding", caps.bounding());
        out.strings("effective", caps.effective());
        out.strings("inheritable", caps.inheritable());
        out.strings("permitted", caps.permitted());
        out.strings("ambient", caps.ambient());
        out.endObject();
    }

    private static void rlimit(JsonOut out, Rlimit rlimit) throws IOException {
        out.string("type", rlimit.type());
        out.unsigned("hard", rlimit.hard());
        out.unsigned("soft", rlimit.soft());
    }
}
