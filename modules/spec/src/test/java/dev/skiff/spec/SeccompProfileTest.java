package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The containers format and its conversion, on small hand-written profiles. */
class SeccompProfileTest {
    private static final KernelVersion KERNEL = new KernelVersion(5, 10);

    static SeccompProfile profile(String json) {
        try {
            return SeccompProfile.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A profile with these rules after a fixed header. */
    private static SeccompProfile rules(String rules) {
        return profile("""
                {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 38,
                 "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]},
                             {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]}],
                 "syscalls": [%s]}""".formatted(rules));
    }

    private static List<String> names(Seccomp seccomp) {
        return seccomp.syscalls().stream().flatMap(s -> s.names().stream()).toList();
    }

    @Test
    void headerConvertsToTheNativeArchitectureAndItsSubArchitectures() {
        SeccompProfile p = rules("");

        Seccomp amd64 = p.toOci(List.of(), "amd64", KERNEL);
        assertThat(amd64.defaultAction()).isEqualTo(SeccompAction.ERRNO);
        assertThat(amd64.defaultErrnoRet()).isEqualTo(38);
        assertThat(amd64.architectures()).containsExactly("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");
        assertThat(p.toOci(List.of(), "arm64", KERNEL).architectures()).containsExactly("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM");
        assertThat(p.toOci(List.of(), "s390x", KERNEL).architectures()).as("no entry: libseccomp's native").isEmpty();
    }

    @Test
    void aFlatArchitectureListIsKeptAsItIs() {
        SeccompProfile p = profile("""
                {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"], "syscalls": []}""");

        assertThat(p.toOci(List.of(), "arm64", KERNEL).architectures()).containsExactly("SCMP_ARCH_X86_64", "SCMP_ARCH_X86");
    }

    @Test
    void rulesKeepTheirActionErrnoAndArguments() {
        SeccompProfile p = rules("""
                {"names": ["a", "b"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1, "errno": "EPERM", "comment": "x"},
                {"name": "c", "action": "SCMP_ACT_ALLOW",
                 "args": [{"index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"},
                          {"index": 1, "value": 18446744073709551615, "op": "SCMP_CMP_EQ"}]}""");

        List<Syscall> syscalls = p.toOci(List.of(), "amd64", KERNEL).syscalls();
        assertThat(syscalls).containsExactly(
                new Syscall(List.of("a", "b"), SeccompAction.ERRNO, 1, List.of()),
                new Syscall(List.of("c"), SeccompAction.ALLOW, null, List.of(
                        new SeccompArg(0, 2114060288L, 0, SeccompOperator.MASKED_EQ),
                        new SeccompArg(1, -1L, 0, SeccompOperator.EQ))));
    }

    @Test
    void refusingMovesNamesOutOfEveryRuleIntoOneErrnoRule() {
        SeccompProfile p = rules("""
                {"names": ["read", "keyctl"], "action": "SCMP_ACT_ALLOW"},
                {"names": ["add_key"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}}""");

        List<Syscall> syscalls = p.refusing(List.of("add_key", "keyctl"), 1).toOci(List.of("CAP_SYS_ADMIN"), "amd64", KERNEL)
                .syscalls();
        assertThat(syscalls).containsExactly(
                new Syscall(List.of("read"), SeccompAction.ALLOW, null, List.of()),
                new Syscall(List.of("add_key", "keyctl"), SeccompAction.ERRNO, 1, List.of()));
    }

    @Test
    void includedCapsMustAllBeInTheBoundingSet() {
        SeccompProfile p = rules("""
                {"names": ["one"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
                {"names": ["two"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN", "CAP_BPF"]}}""");

        assertThat(names(p.toOci(List.of(), "amd64", KERNEL))).isEmpty();
        assertThat(names(p.toOci(List.of("CAP_SYS_ADMIN"), "amd64", KERNEL))).containsExactly("one");
        assertThat(names(p.toOci(List.of("CAP_BPF", "CAP_SYS_ADMIN"), "amd64", KERNEL))).containsExactly("one", "two");
    }

    @Test
    void anyExcludedCapDropsTheRule() {
        SeccompProfile p = rules("""
                {"names": ["bpf"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1, "excludes": {"caps": ["CAP_SYS_ADMIN", "CAP_BPF"]}}""");

        assertThat(names(p.toOci(List.of("CAP_CHOWN"), "amd64", KERNEL))).containsExactly("bpf");
        assertThat(names(p.toOci(List.of("CAP_BPF"), "amd64", KERNEL))).isEmpty();
        assertThat(names(p.toOci(List.of("CAP_SYS_ADMIN"), "amd64", KERNEL))).isEmpty();
    }

    @Test
    void archesIncludeAndExcludeByTheNativeShortName() {
        SeccompProfile p = rules("""
                {"names": ["arch_prctl"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["amd64", "x32"]}},
                {"names": ["not_s390"], "action": "SCMP_ACT_ALLOW", "excludes": {"arches": ["s390", "s390x"]}}""");

        assertThat(names(p.toOci(List.of(), "amd64", KERNEL))).containsExactly("arch_prctl", "not_s390");
        assertThat(names(p.toOci(List.of(), "arm64", KERNEL))).containsExactly("not_s390");
        assertThat(names(p.toOci(List.of(), "s390x", KERNEL))).isEmpty();
    }

    @Test
    void minKernelComparesMajorAndMinor() {
        SeccompProfile p = rules("""
                {"names": ["new"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "5.8"}},
                {"names": ["old"], "action": "SCMP_ACT_ALLOW", "excludes": {"minKernel": "5.8"}}""");

        assertThat(names(p.toOci(List.of(), "amd64", new KernelVersion(5, 8)))).containsExactly("new");
        assertThat(names(p.toOci(List.of(), "amd64", new KernelVersion(6, 1)))).containsExactly("new");
        assertThat(names(p.toOci(List.of(), "amd64", new KernelVersion(5, 4)))).containsExactly("old");
        assertThat(names(p.toOci(List.of(), "amd64", new KernelVersion(4, 19)))).containsExactly("old");
    }

    @Test
    void everyIncludeConditionMustHold() {
        SeccompProfile p = rules("""
                {"names": ["x"], "action": "SCMP_ACT_ALLOW",
                 "includes": {"caps": ["CAP_BPF"], "arches": ["amd64"], "minKernel": "5.8"}}""");

        assertThat(names(p.toOci(List.of("CAP_BPF"), "amd64", KERNEL))).containsExactly("x");
        assertThat(names(p.toOci(List.of("CAP_BPF"), "arm64", KERNEL))).isEmpty();
        assertThat(names(p.toOci(List.of(), "amd64", KERNEL))).isEmpty();
        assertThat(names(p.toOci(List.of("CAP_BPF"), "amd64", new KernelVersion(5, 4)))).isEmpty();
    }

    @Test
    void flagsAreKept() {
        SeccompProfile p = profile("""
                {"defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_LOG"], "syscalls": []}""");

        assertThat(p.toOci(List.of(), "amd64", KERNEL).flags()).containsExactly("SECCOMP_FILTER_FLAG_LOG");
    }

    @Test
    void malformedProfilesNameTheFileAndThePlace() {
        assertMalformed("{", "not valid JSON: ");
        assertMalformed("{} {}", "");
        assertMalformed("null", "empty (null)");
        assertMalformed("{\"syscalls\": []}", "defaultAction: missing");
        assertMalformed("{\"defaultAction\": \"SCMP_ACT_FROWN\"}", "defaultAction: unknown action `SCMP_ACT_FROWN`");
        assertMalformed(header("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_MAYBE\"}"),
                "syscalls[0].action: unknown action `SCMP_ACT_MAYBE`");
        assertMalformed(header("{\"names\": \"read\", \"action\": \"SCMP_ACT_ALLOW\"}"), "at syscalls[0].names: ");
        assertMalformed(header("{\"names\": [], \"action\": \"SCMP_ACT_ALLOW\"}"),
                "syscalls[0].names: needs at least one syscall name, none empty");
        assertMalformed(header("{\"name\": \"a\", \"names\": [\"b\"], \"action\": \"SCMP_ACT_ALLOW\"}"),
                "syscalls[0]: has both name and names; use one");
        assertMalformed(header("{\"names\": [\"a\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 6, \"op\": \"SCMP_CMP_EQ\"}]}"),
                "syscalls[0].args[0].index: `6` is not an argument position (0 to 5)");
        assertMalformed(header("{\"names\": [\"a\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, \"op\": \"SCMP_CMP_ABOUT\"}]}"),
                "syscalls[0].args[0].op: unknown operator `SCMP_CMP_ABOUT`");
        assertMalformed(header("{\"names\": [\"a\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"arches\": [\"x86_64\"]}}"),
                "syscalls[0].includes.arches[0]: unknown architecture `x86_64`");
        assertMalformed(header("{\"names\": [\"a\"], \"action\": \"SCMP_ACT_ALLOW\", \"excludes\": {\"minKernel\": \"new\"}}"),
                "syscalls[0].excludes.minKernel: `new` is not a kernel version (MAJOR.MINOR)");
        assertMalformed(header("{\"names\": [\"a\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": \"EPERM\"}"),
                "at syscalls[0].errnoRet: ");
        assertMalformed("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"archMap\": [{\"architecture\": \"SCMP_ARCH_VAX\"}]}",
                "archMap[0].architecture: unknown architecture `SCMP_ARCH_VAX`");
        assertMalformed("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"archMap\": [{\"architecture\": \"SCMP_ARCH_X86_64\", \"subArchitectures\": [\"i386\"]}]}",
                "archMap[0].subArchitectures[0]: unknown architecture `i386`");
        assertMalformed("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"architectures\": [\"SCMP_ARCH_X86\"], \"archMap\": [{\"architecture\": \"SCMP_ARCH_X86_64\"}]}",
                "has both architectures and archMap; use one");
        assertMalformed("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": -1}",
                "defaultErrnoRet: `-1` is not an errno (0 to 4095)");
    }

    @Test
    void readNamesTheFileItCannotRead(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> SeccompProfile.read(missing))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("seccomp profile `" + missing + "`: cannot read: ");

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"defaultAction\": \"SCMP_ACT_NOPE\"}");
        assertThatThrownBy(() -> SeccompProfile.read(bad))
                .isInstanceOf(SpecException.class)
                .hasMessage("seccomp profile `" + bad + "`: defaultAction: unknown action `SCMP_ACT_NOPE`");
    }

    private static String header(String rule) {
        return "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [" + rule + "]}";
    }

    private static void assertMalformed(String json, String problem) {
        assertThatThrownBy(() -> profile(json))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("seccomp profile `test.json`: " + problem)
                .extracting(Throwable::getMessage).asString().doesNotContain("\n");
    }
}
