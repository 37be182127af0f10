package dev.skiff.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skiff.testkit.Fuzz;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SeccompProfileReader} against the databind mapping it replaced ({@link StrictJson} into
 * the same records): the same documents are read into equal records, and the same are refused.
 */
class SeccompProfileReaderTest {
    private static final Path SYSTEM = Path.of("/usr/share/containers/seccomp.json");

    private static final String PROFILE = """
            {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 38, "architectures": null,
             "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]}],
             "syscalls": [
               {"names": ["read", "write"], "action": "SCMP_ACT_ALLOW", "comment": {"any": ["thing"]}},
               {"name": "personality", "action": "SCMP_ACT_ALLOW",
                "args": [{"index": 0, "value": 18446744073709551615, "valueTwo": 0, "op": "SCMP_CMP_EQ"}]},
               {"names": ["bpf"], "action": "SCMP_ACT_ALLOW", "errnoRet": 1,
                "includes": {"caps": ["CAP_SYS_ADMIN"], "arches": ["amd64"], "minKernel": "4.8"},
                "excludes": {"caps": ["CAP_BPF"], "arches": ["arm64"]}}],
             "flags": ["SECCOMP_FILTER_FLAG_LOG"]}""";

    @Test
    void systemProfile() throws IOException {
        if (!Files.isRegularFile(SYSTEM)) {
            if ("true".equals(System.getenv("CI"))) {
                fail(SYSTEM + " is missing: CI must install containers-common (it comes with buildah and podman)");
            }
            return;
        }
        byte[] profile = Files.readAllBytes(SYSTEM);
        assertThat(streaming(profile)).startsWith("read Profile[defaultAction=SCMP_ACT_ERRNO");
        assertSameOutcome(profile);
    }

    @Test
    void bundledProfile() throws IOException {
        try (InputStream in = SeccompProfile.class.getResourceAsStream(SeccompProfile.BUNDLED)) {
            byte[] profile = in.readAllBytes();
            assertThat(streaming(profile)).startsWith("read Profile[");
            assertSameOutcome(profile);
        }
    }

    /** Each of the types a value may have in each kind of place, databind's quirks included. */
    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "null", "null {}", "{} {}", "{} x", "[]", "\"\"", "1", "true", "{\"a\": 1}]", PROFILE,
        "{\"defaultErrnoRet\": 1.5}", "{\"defaultErrnoRet\": 1e30}", "{\"defaultErrnoRet\": \" \"}",
        "{\"defaultErrnoRet\": \"\\u0000\"}", "{\"defaultErrnoRet\": \"\"}", "{\"defaultErrnoRet\": \"38\"}",
        "{\"defaultErrnoRet\": true}", "{\"defaultErrnoRet\": [1]}", "{\"defaultErrnoRet\": {}}",
        "{\"defaultErrnoRet\": 2147483648}", "{\"defaultErrnoRet\": -2147483648}",
        "{\"defaultAction\": 1}", "{\"defaultAction\": 1.5}", "{\"defaultAction\": false}", "{\"defaultAction\": []}",
        "{\"defaultAction\": {}}", "{\"defaultAction\": null}",
        "{\"flags\": \"x\"}", "{\"flags\": \"\"}", "{\"flags\": [1]}", "{\"flags\": [[]]}", "{\"flags\": [{}]}",
        "{\"flags\": [null, \"a\"]}", "{\"flags\": {}}",
        "{\"archMap\": [null, 1]}", "{\"archMap\": [\"\"]}", "{\"archMap\": [[]]}", "{\"archMap\": \"\"}",
        "{\"syscalls\": [{\"includes\": \"\"}]}", "{\"syscalls\": [{\"includes\": []}]}",
        "{\"syscalls\": [{\"includes\": null, \"excludes\": {\"caps\": null}}]}",
        "{\"syscalls\": [{\"args\": [{\"value\": -1}]}]}", "{\"syscalls\": [{\"args\": [{\"value\": 18446744073709551616}]}]}",
        "{\"syscalls\": [{\"args\": [{\"value\": 1.0}]}]}", "{\"syscalls\": [{\"args\": [{\"value\": \" \"}]}]}",
        "{\"syscalls\": [{\"args\": [{\"index\": 0.9}]}]}",
        "{\"defaultAction\": \"A\", \"defaultAction\": \"B\"}",
        "{\"syscalls\": [{\"args\": [{\"index\": 0, \"index\": 3, \"value\": 1, \"valueTwo\": 2, \"op\": \"x\"}]}]}",
        "{\"syscalls\": [{\"args\": [{\"index\": 0, \"value\": 1, \"valueTwo\": 2, \"op\": \"x\", \"op\": \"y\"}]}]}",
        "{\"syscalls\": [{\"args\": [{\"index\": 0, \"value\": 1, \"valueTwo\": 2, \"op\": \"x\", \"other\": 1}]}]}",
        "{\"defaultAction\": \"A\", \"defaultErrnoRet\": 1, \"architectures\": [], \"archMap\": [], \"syscalls\": [],"
                + " \"flags\": [], \"flags\": [\"x\"]}"})
    void examples(String json) {
        assertSameOutcome(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fuzzedProfiles() {
        List<Object> trees = new ArrayList<>();
        for (String text : List.of(PROFILE, PROFILE, new String(bundled(), StandardCharsets.UTF_8))) {
            trees.add(tree(text));
        }
        Fuzz.check("seccomp reader against databind", bytes(Fuzz.nearValidJson(trees)),
                SeccompProfileReaderTest::assertSameOutcome);
    }

    /** What a refusal says: the file, the place, and one line. */
    @Test
    void refusalsNameThePlace() {
        assertThatThrownBy(() -> parse("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"a\", 7]}]}"))
                .isInstanceOf(SpecException.class)
                .hasMessage("seccomp profile `p.json`: at syscalls[0].names[1]: expected a string, not a number");
        assertThatThrownBy(() -> parse("{\"syscalls\": [{\"args\": [{\"value\": -1}]}]}"))
                .hasMessage("seccomp profile `p.json`: at syscalls[0].args[0].value: `-1` is not an unsigned 64-bit integer");
        assertThatThrownBy(() -> parse("{\"archMap\": {}}"))
                .hasMessage("seccomp profile `p.json`: at archMap: expected an array, not an object");
        assertThatThrownBy(() -> parse("{\"defaultErrnoRet\": 4294967296}"))
                .hasMessage("seccomp profile `p.json`: at defaultErrnoRet: `4294967296` is out of range (a 32-bit integer)");
        assertThatThrownBy(() -> parse("{} []"))
                .hasMessage("seccomp profile `p.json`: content after the profile: an array");
        assertThatThrownBy(() -> parse("{\"defaultAction\": \"SCMP_ACT_ERRNO\",}"))
                .hasMessageStartingWith("seccomp profile `p.json`: not valid JSON: Unexpected character ('}'");
    }

    private static SeccompProfile parse(String json) throws IOException {
        return SeccompProfile.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "p.json");
    }

    /**
     * Both read equal records, or both refuse the document: databind with any exception, the
     * reader with its own (a type mismatch) or an IOException (malformed JSON, undecodable bytes).
     */
    static void assertSameOutcome(byte[] json) {
        String databind;
        try {
            databind = "read " + StrictJson.MAPPER.readValue(new ByteArrayInputStream(json), SeccompProfileJson.Profile.class);
        } catch (IOException | RuntimeException e) {
            databind = "refused " + e;
        }
        String streaming = streaming(json);
        if (databind.startsWith("read ") ? !streaming.equals(databind) : !streaming.startsWith("refused ")) {
            throw new AssertionError("databind " + Fuzz.show(databind) + " but the reader " + Fuzz.show(streaming));
        }
    }

    private static String streaming(byte[] json) {
        try {
            return "read " + SeccompProfileReader.read(new ByteArrayInputStream(json));
        } catch (SeccompProfileReader.Mismatch | IOException e) {
            return "refused " + e;
        } catch (RuntimeException e) {
            return "threw " + e;
        }
    }

    /** UTF-8 of the text, sometimes with bytes changed, sometimes in UTF-16 with a byte order mark. */
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

    private static byte[] bundled() {
        try (InputStream in = SeccompProfile.class.getResourceAsStream(SeccompProfile.BUNDLED)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Object tree(String json) {
        try {
            return Fixtures.PLAIN.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
