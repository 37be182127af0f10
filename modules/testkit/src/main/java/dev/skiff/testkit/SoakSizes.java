package dev.skiff.testkit;

/**
 * How much a soak runs: runs one after another, then workers at once, each doing
 * {@code rounds} runs; {@code seed} draws the runs (printed, to replay a failure).
 */
public record SoakSizes(int sequential, int concurrent, int rounds, long seed) {
    /** The short form the default suite runs: 8 sequential runs and 4 workers of 2 runs. */
    public static SoakSizes shortForm() {
        return new SoakSizes(8, 4, 2, System.nanoTime());
    }

    /** The full soak: 1,000 sequential runs and 64 workers of 4 runs, or the skiff.soak.* properties. */
    public static SoakSizes fromProperties() {
        return new SoakSizes(Integer.getInteger("skiff.soak.sequential", 1000),
                Integer.getInteger("skiff.soak.concurrent", 64), Integer.getInteger("skiff.soak.rounds", 4),
                Long.getLong("skiff.soak.seed", System.nanoTime()));
    }
}
