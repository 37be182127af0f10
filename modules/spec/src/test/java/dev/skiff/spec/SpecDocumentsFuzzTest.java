package dev.skiff.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skiff.testkit.Fuzz;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Hostile documents for the spec's readers: seccomp profiles and image configs throw
 * {@link SpecException}, {@link Spec#fromJson} an IllegalArgumentException, and nothing else.
 */
class SpecDocumentsFuzzTest {
    private static final String PROFILE = """
            {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 38,
             "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]}],
             "syscalls": [
               {"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"},
               {"name": "personality", "action": "SCMP_ACT_ALLOW",
                "args": [{"index": 0, "value": 131072, "valueTwo": 0, "op": "SCMP_CMP_EQ"}]},
               {"names": ["bpf"], "action": "SCMP_ACT_ALLOW", "errnoRet": 1,
                "includes": {"caps": ["CAP_SYS_ADMIN"], "arches": ["amd64"], "minKernel": "4.8"},
                "excludes": {"caps": ["CAP_BPF"], "arches": ["arm64"]}}],
             "flags": ["SECCOMP_FILTER_FLAG_LOG"]}""";

    private static final String IMAGE_CONFIG = """
            {"architecture": "amd64", "os": "linux",
             "config": {"User": "app:staff", "Env": ["PATH=/usr/bin", "LANG=C.UTF-8"], "Entrypoint": ["/entry"],
                        "Cmd": ["serve", "--port", "80"], "Volumes": {"/var/lib/app": {}}, "WorkingDir": "/app",
                        "Labels": {"a": "b"}},
             "rootfs": {"type": "layers", "diff_ids": []}}""";

    /** Through the stream, as {@link SeccompProfile#read} does after opening the file (which wraps IOExceptions). */
    @Test
    void seccompProfiles() {
        Fuzz.check("seccomp profile", bytes(Fuzz.nearValidJson(trees(PROFILE, PROFILE, PROFILE, bundledProfile()))),
                bytes -> SeccompProfile.parse(new ByteArrayInputStream(bytes), "fuzz"),
                SpecException.class, IOException.class);
    }

    @Test
    void imageConfigs() {
        Fuzz.check("image config", Fuzz.nearValidJson(trees(IMAGE_CONFIG, "{\"config\": null}", "{\"Env\": []}")),
                text -> ImageConfig.parse(text, "fuzz"), SpecException.class);
    }

    @Test
    void runcSpecs() {
        Fuzz.check("runc spec", Fuzz.nearValidJson(trees(Fixtures.text("runc-1.1-spec.json"),
                Fixtures.text("full.json"), Fixtures.text("buildah-1.28-run.json"))),
                Spec::fromJson, IllegalArgumentException.class);
    }

    /** UTF-8 of the text, sometimes with bytes changed (invalid UTF-8, a BOM, other encodings). */
    private static Function<Random, byte[]> bytes(Function<Random, String> texts) {
        return r -> {
            byte[] b = texts.apply(r).getBytes(StandardCharsets.UTF_8);
            switch (r.nextInt(6)) {
                case 0 -> {
                    for (int i = r.nextInt(4); i >= 0 && b.length > 0; i--) {
                        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                    }
                }
                case 1 -> b = ("\ufeff" + new String(b, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_16);
                default -> { }
            }
            return b;
        };
    }

    private static String bundledProfile() {
        try (var in = SeccompProfile.class.getResourceAsStream(SeccompProfile.BUNDLED)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Object> trees(String... texts) {
        try {
            List<Object> trees = new java.util.ArrayList<>();
            for (String text : texts) {
                trees.add(Fixtures.PLAIN.readValue(text, Object.class));
            }
            return trees;
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
