package dev.skiff.runtime;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** Samples this JVM's OS thread count every few milliseconds, keeping the highest. */
final class ThreadPeak implements AutoCloseable {
    private final AtomicInteger max = new AtomicInteger();
    private final Thread sampler;
    private volatile boolean running = true;

    private ThreadPeak() {
        sampler = Thread.ofVirtual().name("thread-peak").start(this::sample);
    }

    static ThreadPeak start() {
        return new ThreadPeak();
    }

    private void sample() {
        while (running) {
            try {
                max.accumulateAndGet(HostState.osThreads(), Math::max);
                Thread.sleep(5);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    int max() {
        return max.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
    }
}
