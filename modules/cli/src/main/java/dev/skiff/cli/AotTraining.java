package dev.skiff.cli;

import dev.skiff.runtime.NetworkAttachment;
import dev.skiff.runtime.RunRequest;
import dev.skiff.runtime.SkiffException;
import dev.skiff.runtime.monitor.Protocol;
import dev.skiff.runtime.monitor.ProtocolJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the image's AOT cache is trained on (train-aot, at build time): a real
 * {@code skiff run}, then a round trip of every control message through the monitor
 * protocol's JSON. The library's monitor child starts as this module (see
 * MonitorCommandLine) and maps the same cache, so the classes it needs beyond the
 * command's, jackson-databind's above all, must be in it too.
 */
final class AotTraining {
    /** The first argument of {@code skiff} that runs a training; the rest is a command line. */
    static final String ENTRY = "aot-training";

    private AotTraining() {}

    static int run(List<String> commandLine) {
        int code = Main.run(commandLine, System.err);
        if (code != 0) {
            return code;
        }
        try {
            roundTrips();
            return 0;
        } catch (IOException | IllegalStateException e) {
            System.err.println("skiff: AOT training: " + e.getMessage());
            return SkiffException.FAILED;
        }
    }

    private static void roundTrips() throws IOException {
        RunRequest request = RunRequest.builder(Path.of("/rootfs")).command("true").build();
        roundTrip(new Protocol.Launch(request, 10_000), Protocol.Launch.class);
        List<Protocol.Event> events = List.of(
                new Protocol.Started(1, List.of(new NetworkAttachment("net", "eth0", List.of("10.0.0.2/24"), "10.0.0.1"))),
                new Protocol.Log("line"), new Protocol.Done(), new Protocol.Exited(0, 0),
                new Protocol.Failed("failed", 125, new Protocol.RuntimeFailure(List.of("runc"), 1, "output")));
        for (Protocol.Event event : events) {
            roundTrip(event, Protocol.Event.class);
        }
        for (Protocol.Command command : List.<Protocol.Command>of(new Protocol.Signal(15), new Protocol.Stop(),
                new Protocol.Resize(80, 24))) {
            roundTrip(command, Protocol.Command.class);
        }
    }

    private static <T> void roundTrip(T message, Class<T> type) throws IOException {
        T back = ProtocolJson.read(ProtocolJson.write(message), type);
        if (!back.equals(message)) {
            throw new IllegalStateException("protocol round trip changed " + message + " into " + back);
        }
    }
}
