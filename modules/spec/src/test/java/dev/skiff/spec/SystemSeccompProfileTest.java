package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.testkit.Prerequisite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real containers-common profile, as installed with buildah and podman. On CI it must be
 * there; elsewhere these tests are skipped when it is not.
 */
class SystemSeccompProfileTest {
    private static final Path SYSTEM = Path.of("/usr/share/containers/seccomp.json");

    /** containers-common 0.50.1 (Debian 12), the profile buildah-1.28-run.json was recorded with. */
    private static final String RECORDED_WITH = "cc374cf23846ce1f62f4dc807a8e2b8673c783c6f56cb475467621035d281e6c";

    private static final KernelVersion KERNEL = new KernelVersion(6, 1);

    @BeforeAll
    static void needsTheSystemProfile() {
        Prerequisite.require(Files.isRegularFile(SYSTEM),
                SYSTEM + " is missing: install containers-common (it comes with buildah and podman)");
    }

    @Test
    void convertsForX8664WithTheDefaultCapabilities() {
        Seccomp seccomp = SeccompProfile.read(SYSTEM).toOci(SpecDefaults.RUN_CAPABILITIES, "amd64", KERNEL);

        assertThat(seccomp.defaultAction()).isEqualTo(SeccompAction.ERRNO);
        assertThat(seccomp.architectures()).containsExactly("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");
        // containers-common leaves mount, unshare and keyctl to the capability checks: it allows them.
        assertThat(allowed(seccomp)).contains("read", "write", "execve", "chroot", "arch_prctl")
                .doesNotContain("bpf", "kexec_load", "open_by_handle_at", "sync_file_range2");
        assertThat(seccomp.syscalls()).anySatisfy(rule -> {
            assertThat(rule.names()).contains("bpf");
            assertThat(rule.action()).isEqualTo(SeccompAction.ERRNO);
            assertThat(rule.errnoRet()).isEqualTo(1);
        });
    }

    @Test
    void capabilitiesChangeTheRules() {
        SeccompProfile profile = SeccompProfile.read(SYSTEM);
        List<String> withoutChroot = SpecDefaults.RUN_CAPABILITIES.stream().filter(c -> !c.equals("CAP_SYS_CHROOT")).toList();

        assertThat(allowed(profile.toOci(withoutChroot, "amd64", KERNEL))).doesNotContain("chroot");
        assertThat(allowed(profile.toOci(List.of("CAP_SYS_ADMIN"), "amd64", KERNEL))).contains("bpf", "lookup_dcookie");
    }

    @Test
    void equalsWhatBuildahGeneratedWithTheSameProfile() throws IOException {
        assumeTrue(RECORDED_WITH.equals(sha256(SYSTEM)), "the fixture was recorded with another seccomp.json");
        JsonNode recorded = Fixtures.tree(Fixtures.text("buildah-1.28-run.json"));
        List<String> bounding = Fixtures.PLAIN.convertValue(recorded.at("/process/capabilities/bounding"),
                Fixtures.PLAIN.getTypeFactory().constructCollectionType(List.class, String.class));

        Seccomp ours = SeccompProfile.read(SYSTEM).toOci(bounding, "amd64", KERNEL);
        Spec wrapped = SpecDefaults.generate().withLinux(l -> l.withSeccomp(ours));

        assertThat(Fixtures.tree(wrapped.toJson()).at("/linux/seccomp")).isEqualTo(recorded.at("/linux/seccomp"));
    }

    static List<String> allowed(Seccomp seccomp) {
        return seccomp.syscalls().stream()
                .filter(rule -> rule.action() == SeccompAction.ALLOW)
                .flatMap(rule -> rule.names().stream())
                .toList();
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
