package dev.skiff.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One run of a soak: what the container does, whether it joins the test's CNI bridge, and
 * whether and how long after its start it is stopped.
 *
 * @param stop how the library stops it; the CLI soak sends SIGTERM to {@code skiff run} for any but NONE
 */
public record SoakRun(Kind kind, boolean network, Stop stop, int stopAfterMillis) {
    private static final int FLOOD_LINES = 100_000;
    private static final String FLOOD_OUTPUT = IntStream.rangeClosed(1, FLOOD_LINES).mapToObj(i -> i + "\n")
            .collect(Collectors.joining());
    private static final String STDIN_TEXT = IntStream.range(0, 8192).mapToObj(i -> "line " + i + " of the soak's stdin\n")
            .collect(Collectors.joining());

    /** What the container does after printing its network namespace. */
    public enum Kind {
        /** One line. */
        ECHO("echo done", "done\n"),
        /** 100,000 lines of output. */
        FLOOD("seq 1 " + FLOOD_LINES, FLOOD_OUTPUT),
        /** Copies its stdin (256 KiB) to its stdout. */
        STDIN("cat", STDIN_TEXT),
        /** Sleeps until stopped: always stopped. In the background, so that the TERM trap runs at once. */
        SLEEPER("sleep 600 & wait", "");

        private final String body;
        private final String output;

        Kind(String body, String output) {
            this.body = body;
            this.output = output;
        }

        /**
         * For {@code sh -c}. The shell is the container's init, which ignores a TERM it has no
         * handler for: the trap makes TERM end it without waiting for the stopper's grace period.
         */
        public String script() {
            return "trap 'exit 143' TERM; " + body;
        }
    }

    /** The library's ways to stop a container early. */
    public enum Stop { NONE, DESTROY, DESTROY_FORCIBLY, CLOSE }

    /**
     * A run drawn from {@code random}: mostly short ones, a third of them on the bridge, a third
     * stopped (every sleeper) at up to {@code maxStopMillis} after its start.
     */
    public static SoakRun random(Random random, int maxStopMillis) {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        boolean stopped = kind == Kind.SLEEPER || random.nextInt(3) == 0;
        Stop stop = stopped ? Stop.values()[1 + random.nextInt(Stop.values().length - 1)] : Stop.NONE;
        return new SoakRun(kind, random.nextInt(3) == 0, stop, stopped ? random.nextInt(maxStopMillis + 1) : 0);
    }

    public byte[] stdin() {
        return kind == Kind.STDIN ? STDIN_TEXT.getBytes(StandardCharsets.UTF_8) : new byte[0];
    }

    /**
     * What is wrong with how the run ended: a run left alone exits 0 with its whole output; a
     * stopped one exits 0 or with one of {@code stoppedCodes}, its output a prefix of the whole.
     */
    public List<String> check(int exitCode, String output, Set<Integer> stoppedCodes) {
        if (stop == Stop.NONE) {
            if (exitCode != 0 || !output.equals(kind.output)) {
                return List.of(this + ": exit " + exitCode + ", " + output.length() + " bytes of output: "
                        + abbreviate(output));
            }
            return List.of();
        }
        if (exitCode != 0 && !stoppedCodes.contains(exitCode)) {
            return List.of(this + ": stopped, exit " + exitCode);
        }
        if (!kind.output.startsWith(output)) {
            return List.of(this + ": stopped, output not a prefix of the whole: " + abbreviate(output));
        }
        return List.of();
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 60) + "..." + s.substring(s.length() - 60);
    }
}
