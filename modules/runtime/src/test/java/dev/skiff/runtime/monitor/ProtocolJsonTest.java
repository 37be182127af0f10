package dev.skiff.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skiff.runtime.ExitStatus;
import dev.skiff.runtime.RunRequest;
import dev.skiff.spec.IdMapping;
import dev.skiff.spec.ImageConfig;
import dev.skiff.spec.NamespaceType;
import dev.skiff.spec.SeccompOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The control protocol's JSON: a request, with everything it holds, survives the trip to the monitor. */
class ProtocolJsonTest {

    private static <T> T roundTrip(T value, Class<T> type) throws JsonProcessingException {
        String line = ProtocolJson.write(value);
        assertThat(line).doesNotContain("\n");
        return ProtocolJson.read(line, type);
    }

    @Test
    void aPlainRequestRoundTrips() throws Exception {
        RunRequest request = RunRequest.builder(Path.of("relative/rootfs")).command("sh", "-c", "echo hi")
                .env("A=1").workingDir("/work").hostname("box").runtime("/usr/sbin/runc")
                .runtimeFlag("--debug").stateDir(Path.of("/run/skiff-test")).terminal(true)
                .consoleSize(new RunRequest.ConsoleSize(120, 40)).build();
        Protocol.Launch launch = new Protocol.Launch(request, 2500);

        Protocol.Launch back = roundTrip(launch, Protocol.Launch.class);

        assertThat(back).isEqualTo(launch);
        assertThat(back.request().rootfs()).isEqualTo(Path.of("relative/rootfs"));
    }

    @Test
    void specOptionsWithSealedTypesRecordsAndMapsRoundTrip() throws Exception {
        RunRequest request = RunRequest.builder(Path.of("/rootfs")).command("true")
                .spec(s -> s.userSpec("1000:100").capAdd("net_admin").capDrop("chown").ulimit("nofile=1024:2048")
                        .memory(64L << 20).cpusetCpus("0-1").seccomp(SeccompOption.profile(Path.of("/etc/p.json")))
                        .namespace(NamespaceType.NETWORK, "host").uidMap(List.of(new IdMapping(0, 100000, 65536)))
                        .maskedPath("/proc/secret").noNewPrivileges(true)
                        .imageConfig(new ImageConfig(List.of("X=1"), "/app", "app", List.of("/data"),
                                List.of("/entry"), List.of("cmd"), Map.of("k", "v"))))
                .build();

        assertThat(roundTrip(request, RunRequest.class)).isEqualTo(request);
    }

    @Test
    void eachSealedAlternativeRoundTrips() throws Exception {
        for (SeccompOption option : List.of(SeccompOption.DEFAULT, SeccompOption.UNCONFINED,
                SeccompOption.profile(Path.of("p.json")))) {
            RunRequest request = RunRequest.builder(Path.of("/r")).command("true").spec(s -> s.seccomp(option)).build();
            assertThat(roundTrip(request, RunRequest.class).spec().seccomp()).isEqualTo(option);
        }
    }

    @Test
    void eventsAndCommandsAreNamedOnTheWire() throws Exception {
        assertThat(ProtocolJson.write(new Protocol.Started(42, java.util.List.of())))
                .isEqualTo("{\"event\":\"started\",\"pid\":42,\"networks\":[]}");
        var attached = new Protocol.Started(42, java.util.List.of(new dev.skiff.runtime.NetworkAttachment(
                "testnet", "eth0", java.util.List.of("10.9.0.5/24"), "10.9.0.1")));
        assertThat(roundTrip(attached, Protocol.Event.class)).isEqualTo(attached);
        assertThat(ProtocolJson.write(new Protocol.Stop())).isEqualTo("{\"command\":\"stop\"}");
        assertThat(ProtocolJson.read("{\"command\":\"resize\",\"columns\":80,\"rows\":24}", Protocol.Command.class))
                .isEqualTo(new Protocol.Resize(80, 24));
        assertThat(roundTrip(new Protocol.Failed("runc create: not found", 127), Protocol.Event.class))
                .isEqualTo(new Protocol.Failed("runc create: not found", 127));
    }

    @Test
    void exitedCarriesACodeOrASignal() throws Exception {
        for (ExitStatus status : List.of(ExitStatus.exited(0), ExitStatus.exited(42), ExitStatus.signaled(9))) {
            Protocol.Event back = roundTrip(Protocol.Exited.of(status), Protocol.Event.class);
            assertThat(((Protocol.Exited) back).status()).isEqualTo(status);
        }
    }

    /** A sealed type with no Jackson annotations, as a future request option might be. */
    sealed interface Shape permits Circle, Square {}

    record Circle(double radius) implements Shape {}

    record Square(Path corner) implements Shape {}

    record Drawing(List<Shape> shapes, Shape main) {}

    @Test
    void unannotatedSealedTypesRoundTripWithTheirClassNamed() throws Exception {
        Drawing drawing = new Drawing(List.of(new Circle(1.5), new Square(Path.of("a/b"))), new Square(Path.of("/c")));

        assertThat(ProtocolJson.write(drawing)).contains("\"@type\":\"" + Circle.class.getName() + "\"");
        assertThat(roundTrip(drawing, Drawing.class)).isEqualTo(drawing);
    }

    @Test
    void aClassOutsideTheSealedHierarchyIsRefused() {
        String json = "{\"shapes\":[],\"main\":{\"@type\":\"java.lang.Thread\"}}";
        assertThatThrownBy(() -> ProtocolJson.read(json, Drawing.class))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("java.lang.Thread");
    }
}
