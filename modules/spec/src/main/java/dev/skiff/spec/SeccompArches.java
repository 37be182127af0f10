package dev.skiff.spec;

import java.util.Map;
import java.util.Set;

/**
 * The two spellings of architectures in seccomp profiles: libseccomp's constants
 * ({@code SCMP_ARCH_X86_64}, in {@code archMap} and the OCI spec) and libseccomp's short names
 * ({@code amd64}, in rules' {@code includes}/{@code excludes}).
 */
final class SeccompArches {
    /** Short name to constant, for every architecture libseccomp 2.5 knows. */
    static final Map<String, String> SCMP = Map.ofEntries(
            Map.entry("x86", "SCMP_ARCH_X86"),
            Map.entry("amd64", "SCMP_ARCH_X86_64"),
            Map.entry("x32", "SCMP_ARCH_X32"),
            Map.entry("arm", "SCMP_ARCH_ARM"),
            Map.entry("arm64", "SCMP_ARCH_AARCH64"),
            Map.entry("mips", "SCMP_ARCH_MIPS"),
            Map.entry("mips64", "SCMP_ARCH_MIPS64"),
            Map.entry("mips64n32", "SCMP_ARCH_MIPS64N32"),
            Map.entry("mipsel", "SCMP_ARCH_MIPSEL"),
            Map.entry("mipsel64", "SCMP_ARCH_MIPSEL64"),
            Map.entry("mipsel64n32", "SCMP_ARCH_MIPSEL64N32"),
            Map.entry("ppc", "SCMP_ARCH_PPC"),
            Map.entry("ppc64", "SCMP_ARCH_PPC64"),
            Map.entry("ppc64le", "SCMP_ARCH_PPC64LE"),
            Map.entry("s390", "SCMP_ARCH_S390"),
            Map.entry("s390x", "SCMP_ARCH_S390X"),
            Map.entry("parisc", "SCMP_ARCH_PARISC"),
            Map.entry("parisc64", "SCMP_ARCH_PARISC64"),
            Map.entry("riscv64", "SCMP_ARCH_RISCV64"),
            Map.entry("loong64", "SCMP_ARCH_LOONGARCH64"),
            Map.entry("m68k", "SCMP_ARCH_M68K"),
            Map.entry("sh", "SCMP_ARCH_SH"),
            Map.entry("sheb", "SCMP_ARCH_SHEB"));

    private static final Set<String> CONSTANTS = Set.copyOf(SCMP.values());

    private SeccompArches() {}

    static boolean isConstant(String arch) {
        return arch.equals("SCMP_ARCH_NATIVE") || CONSTANTS.contains(arch);
    }

    static boolean isShortName(String arch) {
        return SCMP.containsKey(arch);
    }

    /** The constant for a native short name, or null when libseccomp has none. */
    static String constantOf(String shortName) {
        return SCMP.get(shortName);
    }
}
