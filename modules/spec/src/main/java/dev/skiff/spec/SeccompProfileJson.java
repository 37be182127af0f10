package dev.skiff.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The containers-format profile as JSON holds it (strings where the model has enums), and its
 * checked conversion into {@link SeccompProfile}. Properties the conversion does not use
 * ({@code comment}, {@code errno}, {@code defaultErrno}) are ignored, as containers/common does.
 * {@link SeccompProfileReader} reads these records; {@link StrictJson} reads them the same way,
 * as the reference the reader is tested against.
 */
final class SeccompProfileJson {
    private SeccompProfileJson() {}

    record Profile(String defaultAction, Integer defaultErrnoRet, List<String> architectures, List<Arch> archMap,
            List<Rule> syscalls, List<String> flags) {}

    record Arch(String architecture, List<String> subArchitectures) {}

    record Rule(String name, List<String> names, String action, Integer errnoRet, List<Arg> args, Filter includes,
            Filter excludes) {}

    record Arg(Integer index, @Unsigned64 Long value, @Unsigned64 Long valueTwo, String op) {}

    record Filter(List<String> caps, List<String> arches, String minKernel) {}

    /** The checks containers/common and runc would make later, made now, with the place named. */
    static SeccompProfile convert(Profile raw, String source) {
        Checker check = new Checker(source);
        SeccompAction defaultAction = check.action("defaultAction", raw.defaultAction());
        List<String> architectures = items(raw.architectures());
        List<Arch> archMap = items(raw.archMap());
        if (!architectures.isEmpty() && !archMap.isEmpty()) {
            throw check.fail("", "has both architectures and archMap; use one");
        }
        for (int i = 0; i < architectures.size(); i++) {
            check.scmpArch("architectures[" + i + "]", architectures.get(i));
        }
        List<SeccompProfile.ArchMap> arches = new ArrayList<>();
        for (int i = 0; i < archMap.size(); i++) {
            arches.add(arch(check, "archMap[" + i + "]", archMap.get(i)));
        }
        List<SeccompProfile.Rule> rules = new ArrayList<>();
        List<Rule> syscalls = items(raw.syscalls());
        for (int i = 0; i < syscalls.size(); i++) {
            rules.add(rule(check, "syscalls[" + i + "]", syscalls.get(i)));
        }
        return new SeccompProfile(defaultAction, errno(check, "defaultErrnoRet", raw.defaultErrnoRet()),
                architectures, arches, rules, check.strings("flags", raw.flags()), source);
    }

    private static SeccompProfile.ArchMap arch(Checker check, String at, Arch raw) {
        if (raw == null) {
            throw check.fail(at, "null");
        }
        check.scmpArch(at + ".architecture", raw.architecture());
        List<String> subs = items(raw.subArchitectures());
        for (int i = 0; i < subs.size(); i++) {
            check.scmpArch(at + ".subArchitectures[" + i + "]", subs.get(i));
        }
        return new SeccompProfile.ArchMap(raw.architecture(), subs);
    }

    private static SeccompProfile.Rule rule(Checker check, String at, Rule raw) {
        if (raw == null) {
            throw check.fail(at, "null");
        }
        List<String> names = items(raw.names());
        if (raw.name() != null && !raw.name().isEmpty()) {
            if (!names.isEmpty()) {
                throw check.fail(at, "has both name and names; use one");
            }
            names = List.of(raw.name());
        }
        if (names.isEmpty() || names.stream().anyMatch(n -> n == null || n.isEmpty())) {
            throw check.fail(at + ".names", "needs at least one syscall name, none empty");
        }
        List<SeccompArg> args = new ArrayList<>();
        List<Arg> rawArgs = items(raw.args());
        for (int i = 0; i < rawArgs.size(); i++) {
            args.add(arg(check, at + ".args[" + i + "]", rawArgs.get(i)));
        }
        return new SeccompProfile.Rule(names, check.action(at + ".action", raw.action()),
                errno(check, at + ".errnoRet", raw.errnoRet()), args,
                filter(check, at + ".includes", raw.includes()), filter(check, at + ".excludes", raw.excludes()));
    }

    private static SeccompArg arg(Checker check, String at, Arg raw) {
        if (raw == null) {
            throw check.fail(at, "null");
        }
        int index = raw.index() == null ? 0 : raw.index();
        if (index < 0 || index > 5) {
            throw check.fail(at + ".index", "`" + index + "` is not an argument position (0 to 5)");
        }
        SeccompOperator op;
        try {
            op = SeccompOperator.parse(String.valueOf(raw.op()));
        } catch (IllegalArgumentException e) {
            throw check.fail(at + ".op", "unknown operator `" + raw.op() + "`");
        }
        return new SeccompArg(index, raw.value() == null ? 0 : raw.value(), raw.valueTwo() == null ? 0 : raw.valueTwo(), op);
    }

    private static SeccompProfile.Filter filter(Checker check, String at, Filter raw) {
        if (raw == null) {
            return SeccompProfile.Filter.NONE;
        }
        List<String> arches = check.strings(at + ".arches", raw.arches());
        for (int i = 0; i < arches.size(); i++) {
            if (!SeccompArches.isShortName(arches.get(i))) {
                throw check.fail(at + ".arches[" + i + "]", "unknown architecture `" + arches.get(i) + "` (libseccomp's names: amd64, arm64, x86, ...)");
            }
        }
        KernelVersion minKernel = null;
        if (raw.minKernel() != null && !raw.minKernel().isEmpty()) {
            try {
                minKernel = KernelVersion.parse(raw.minKernel());
            } catch (SpecException e) {
                throw check.fail(at + ".minKernel", "`" + raw.minKernel() + "` is not a kernel version (MAJOR.MINOR)");
            }
        }
        // Capability names are compared as text, as containers/common does: a name this build does
        // not know (a newer capability) simply never matches.
        return new SeccompProfile.Filter(check.strings(at + ".caps", raw.caps()), arches, minKernel);
    }

    /** A JSON list as given, null items kept so that each is reported at its place. */
    private static <T> List<T> items(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Integer errno(Checker check, String at, Integer errno) {
        if (errno != null && (errno < 0 || errno > 4095)) {
            throw check.fail(at, "`" + errno + "` is not an errno (0 to 4095)");
        }
        return errno;
    }

    /** Builds the messages: {@code seccomp profile `FILE`: syscalls[3].action: unknown action `X`}. */
    private record Checker(String source) {
        SpecException fail(String at, String problem) {
            return new SpecException("seccomp profile", source, at.isEmpty() ? problem : at + ": " + problem);
        }

        SeccompAction action(String at, String name) {
            if (name == null || name.isEmpty()) {
                throw fail(at, "missing");
            }
            try {
                return SeccompAction.parse(name);
            } catch (IllegalArgumentException e) {
                throw fail(at, "unknown action `" + name + "`");
            }
        }

        /** A list of strings with no null in it. */
        List<String> strings(String at, List<String> list) {
            List<String> strings = items(list);
            for (int i = 0; i < strings.size(); i++) {
                if (strings.get(i) == null) {
                    throw fail(at + "[" + i + "]", "null");
                }
            }
            return strings;
        }

        void scmpArch(String at, String name) {
            if (name == null || !SeccompArches.isConstant(name)) {
                throw fail(at, "unknown architecture `" + name + "` (libseccomp's constants: SCMP_ARCH_X86_64, ...)");
            }
        }
    }
}
