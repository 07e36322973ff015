package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes on its own thread while a test reads: one step at a time, until it has done its steps, is
 * stopped, or fails. The test waits on steps done, never on time, so it cannot be flaky on a slow
 * machine; a failure on the writer's thread is thrown on the test's.
 */
final class BackgroundWriter implements AutoCloseable {

    /** One step of the writer's work, numbered from 0. */
    @FunctionalInterface
    interface Step {
        void run(int step) throws Exception;
    }

    /** How long a writer may make no progress before the test fails. */
    private static final long PATIENCE_SECONDS = 30;

    private final AtomicInteger done = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "contract-writer"));
    private final Future<?> running;

    private BackgroundWriter(int steps, Step step) {
        running = thread.submit(() -> {
            for (int i = 0; i < steps && !stopped.get(); i++) {
                step.run(i);
                done.incrementAndGet();
            }
            return null;
        });
    }

    /** Starts writing at most {@code steps} steps. */
    static BackgroundWriter start(int steps, Step step) {
        return new BackgroundWriter(steps, step);
    }

    /** The steps done so far. */
    int steps() {
        return done.get();
    }

    /** Whether the writer has ended: all its steps done, stopped, or failed. */
    boolean isDone() {
        return running.isDone();
    }

    /** Waits until at least {@code steps} steps are done or the writer has ended; a failure of it is thrown. */
    void awaitSteps(int steps) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (done.get() < steps && !running.isDone()) {
            if (System.nanoTime() > deadline) {
                fail("the writer made no progress in " + PATIENCE_SECONDS + " s");
            }
            Thread.onSpinWait();
        }
        if (running.isDone()) {
            result();
        }
    }

    /** Stops the writer after its current step and waits for it; returns the steps done. A failure of it is thrown. */
    int stop() throws Exception {
        stopped.set(true);
        result();
        return done.get();
    }

    private void result() throws Exception {
        try {
            running.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Stops the writer if a test ended early, and lets its thread go. */
    @Override
    public void close() throws InterruptedException {
        stopped.set(true);
        thread.shutdown();
        if (!thread.awaitTermination(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            thread.shutdownNow();
            fail("the writer did not stop");
        }
    }
}
