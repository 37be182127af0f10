package dev.skiff.runtime;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Undo steps pushed as a run acquires things (bundle, pipes, the runtime container),
 * run in reverse order on close. Every step runs even if an earlier one fails; the
 * failures are reported together, as suppressed exceptions of the first.
 */
final class Teardown implements AutoCloseable {

    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private record Named(String what, Step step) {}

    private final Deque<Named> steps = new ArrayDeque<>();

    void push(String what, Step step) {
        steps.push(new Named(what, step));
    }

    @Override
    public void close() throws SkiffException {
        SkiffException failure = null;
        while (!steps.isEmpty()) {
            Named next = steps.pop();
            try {
                next.step().run();
            } catch (Exception e) {
                SkiffException wrapped = new SkiffException(next.what() + ": " + e.getMessage(), e);
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(wrapped);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
