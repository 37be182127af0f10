package dev.skiff.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A soak: a census of the host, runs one after another, then workers running at once,
 * and a census again once the last run's teardown has settled. The runs are drawn from
 * the sizes' seed, so a printed seed replays them.
 */
public final class Soak {
    /** The census after may take this long to come back to the one before. */
    private static final Duration SETTLE = Duration.ofSeconds(20);

    /** Does one run and says what went wrong with it, if anything. */
    @FunctionalInterface
    public interface Runner {
        List<String> once(SoakRun run);
    }

    /** What a soak did, for the test to print and assert. */
    public record Report(String label, SoakSizes sizes, Duration total, Duration sequential, Duration concurrent,
            HostCensus before, HostCensus after, List<String> failures) {
        public String summary() {
            return "%s soak %s: %.1f s (sequential %.1f s, concurrent %.1f s); census before/after: %s".formatted(
                    label, sizes, seconds(total), seconds(sequential), seconds(concurrent), before.beside(after));
        }

        /** The runs that went wrong, then the census counts that differ: empty when the soak passed. */
        public List<String> problems() {
            List<String> all = new ArrayList<>(failures);
            before.differences(after).forEach(d -> all.add("census: " + d));
            return all;
        }

        private static double seconds(Duration d) {
            return d.toMillis() / 1000.0;
        }
    }

    private Soak() {}

    /** @param maxStopMillis the latest moment, after its start, at which a run is stopped early */
    public static Report run(String label, SoakSizes sizes, int maxStopMillis, Scope scope, Runner runner)
            throws IOException, InterruptedException, ExecutionException {
        long begin = System.nanoTime();
        HostCensus before = HostCensus.take(scope);
        Random random = new Random(sizes.seed());
        List<String> failures = new ArrayList<>();
        long sequentialBegin = System.nanoTime();
        for (int i = 0; i < sizes.sequential(); i++) {
            failures.addAll(runner.once(SoakRun.random(random, maxStopMillis)));
        }
        long concurrentBegin = System.nanoTime();
        failures.addAll(concurrently(sizes, random, maxStopMillis, runner));
        long end = System.nanoTime();
        HostCensus after = HostCensus.settled(before, scope, SETTLE);
        return new Report(label, sizes, Duration.ofNanos(System.nanoTime() - begin),
                Duration.ofNanos(concurrentBegin - sequentialBegin), Duration.ofNanos(end - concurrentBegin), before,
                after, failures);
    }

    /** {@code sizes.concurrent()} workers at once, each doing {@code sizes.rounds()} runs in turn. */
    private static List<String> concurrently(SoakSizes sizes, Random random, int maxStopMillis, Runner runner)
            throws InterruptedException, ExecutionException {
        List<Future<List<String>>> workers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < sizes.concurrent(); w++) {
                List<SoakRun> runs = new ArrayList<>();
                for (int r = 0; r < sizes.rounds(); r++) {
                    runs.add(SoakRun.random(random, maxStopMillis));
                }
                workers.add(pool.submit(() -> {
                    List<String> failures = new ArrayList<>();
                    runs.forEach(run -> failures.addAll(runner.once(run)));
                    return failures;
                }));
            }
        }
        List<String> failures = new ArrayList<>();
        for (Future<List<String>> w : workers) {
            failures.addAll(w.get());
        }
        return failures;
    }
}
