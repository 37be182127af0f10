package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Skiff's own profile, used when the system has none: always tested. */
class BundledSeccompProfileTest {
    private static final SeccompProfile BUNDLED = SeccompProfile.bundled();
    private static final KernelVersion KERNEL = new KernelVersion(6, 1);

    private static Seccomp convert(List<String> caps) {
        return BUNDLED.toOci(caps, "amd64", KERNEL);
    }

    @Test
    void loadsWithTheSameParserAsAnyProfile() {
        assertThat(BUNDLED.source()).isEqualTo("bundled:seccomp-default.json");
        assertThat(BUNDLED.defaultAction()).isEqualTo(SeccompAction.ERRNO);
        assertThat(BUNDLED.defaultErrnoRet()).as("ENOSYS lets C libraries fall back").isEqualTo(38);
        assertThat(convert(List.of()).architectures()).containsExactly("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");
        assertThat(BUNDLED.toOci(List.of(), "arm64", KERNEL).architectures()).containsExactly("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM");
    }

    @Test
    void defaultCapabilitiesAllowOrdinaryProgramsAndRefuseTheDangerousCalls() {
        Seccomp seccomp = convert(SpecDefaults.RUN_CAPABILITIES);

        assertThat(SystemSeccompProfileTest.allowed(seccomp)).contains("read", "write", "openat", "execve", "clone",
                "wait4", "socket", "mmap", "futex", "chroot", "arch_prctl", "ptrace", "setuid", "exit_group");
        assertThat(SystemSeccompProfileTest.allowed(seccomp)).doesNotContain("mount", "unshare", "setns", "keyctl",
                "add_key", "bpf", "reboot", "init_module", "kexec_load", "open_by_handle_at", "clone3", "modify_ldt_x");
        assertThat(errnoOf(seccomp, "unshare")).contains(1);
        assertThat(errnoOf(seccomp, "keyctl")).contains(1);
        assertThat(errnoOf(seccomp, "mount")).contains(1);
        assertThat(errnoOf(seccomp, "clone3")).as("so glibc falls back to clone").contains(38);
    }

    @Test
    void cloneWithNamespaceFlagsNeedsSysAdmin() {
        Syscall clone = convert(SpecDefaults.RUN_CAPABILITIES).syscalls().stream()
                .filter(rule -> rule.names().contains("clone")).findFirst().orElseThrow();
        assertThat(clone.args()).containsExactly(new SeccompArg(0, 0x7E020000L, 0, SeccompOperator.MASKED_EQ));

        Syscall admin = convert(List.of("CAP_SYS_ADMIN")).syscalls().stream()
                .filter(rule -> rule.names().contains("clone")).findFirst().orElseThrow();
        assertThat(admin.args()).isEmpty();
    }

    @Test
    void capabilitiesOpenTheirSyscalls() {
        assertThat(SystemSeccompProfileTest.allowed(convert(List.of("CAP_SYS_ADMIN"))))
                .contains("mount", "umount2", "unshare", "setns", "pivot_root", "clone3", "bpf", "perf_event_open");
        assertThat(SystemSeccompProfileTest.allowed(convert(List.of("CAP_SYS_TIME")))).contains("settimeofday", "clock_settime");
        assertThat(SystemSeccompProfileTest.allowed(convert(List.of("CAP_BPF")))).contains("bpf").doesNotContain("perf_event_open");
        assertThat(SystemSeccompProfileTest.allowed(BUNDLED.toOci(List.of("CAP_BPF"), "amd64", new KernelVersion(5, 4))))
                .doesNotContain("bpf");
    }

    @Test
    void ptraceNeedsCapSysPtraceBeforeKernel48() {
        assertThat(SystemSeccompProfileTest.allowed(BUNDLED.toOci(List.of(), "amd64", new KernelVersion(4, 4))))
                .doesNotContain("ptrace");
        assertThat(SystemSeccompProfileTest.allowed(BUNDLED.toOci(List.of("CAP_SYS_PTRACE"), "amd64", new KernelVersion(4, 4))))
                .contains("ptrace");
    }

    /** libseccomp refuses two unconditional rules with different actions for one syscall. */
    @ParameterizedTest
    @MethodSource("capabilitySets")
    void noSyscallGetsTwoUnconditionalActions(List<String> caps) {
        for (String arch : List.of("amd64", "arm64", "s390x", "ppc64le", "riscv64")) {
            Map<String, SeccompAction> actions = new HashMap<>();
            for (Syscall rule : BUNDLED.toOci(caps, arch, KERNEL).syscalls()) {
                if (rule.args().isEmpty()) {
                    for (String name : rule.names()) {
                        SeccompAction before = actions.put(name, rule.action());
                        assertThat(Optional.ofNullable(before)).as(arch + " " + name).isIn(Optional.empty(), Optional.of(rule.action()));
                    }
                }
            }
        }
    }

    static Stream<List<String>> capabilitySets() {
        List<String> all = EnumSet.allOf(Capability.class).stream().map(Capability::name).toList();
        return Stream.of(List.of(), SpecDefaults.RUN_CAPABILITIES, all, List.of("CAP_BPF"), List.of("CAP_PERFMON"),
                List.of("CAP_SYS_ADMIN"), List.of("CAP_BPF", "CAP_PERFMON"));
    }

    private static Optional<Integer> errnoOf(Seccomp seccomp, String name) {
        return seccomp.syscalls().stream()
                .filter(rule -> rule.names().contains(name) && rule.action() == SeccompAction.ERRNO)
                .map(Syscall::errnoRet)
                .findFirst();
    }
}
