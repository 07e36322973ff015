package dev.crmkit.importer.internal;

import dev.crmkit.core.StorageException;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * How a job is taken up again in this process after a passing storage failure.
 *
 * @param attempts how many times, 0 for never
 * @param firstDelay the wait before the first; each later wait doubles, up to {@link #MAX_DELAY}
 */
public record Retries(int attempts, Duration firstDelay) {
    static final Duration MAX_DELAY = Duration.ofSeconds(5);

    /**
     * Reads with these retries: a read that fails for a passing reason is tried again after
     * the attempt's wait.
     */
    public <T> T read(Supplier<T> read) {
        return run(attempt -> read.get(), (attempt, failure) -> { });
    }

    /**
     * The one retry loop: runs the work (told its attempt, from 1), and after a failure for a
     * passing reason tells {@code beforeWait}, waits the attempt's delay and runs it again, at
     * most {@link #attempts} more times; any other failure, or the last, is thrown.
     */
    <T> T run(IntFunction<T> work, BiConsumer<Integer, StorageException> beforeWait) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.apply(attempt);
            } catch (StorageException e) {
                if (!e.isTransient() || attempt > attempts) {
                    throw e;
                }
                beforeWait.accept(attempt, e);
                pause(attempt, e);
            }
        }
    }

    /** Waits before the given attempt; if interrupted, gives up with the failure being retried. */
    private void pause(int attempt, StorageException failure) {
        try {
            Thread.sleep(delay(attempt).toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    public Retries {
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
        if (firstDelay.isNegative()) {
            throw new IllegalArgumentException("the delay must not be negative: " + firstDelay);
        }
    }

    /** The wait before the given attempt, counted from 1. */
    public Duration delay(int attempt) {
        Duration d = firstDelay.multipliedBy(1L << Math.min(attempt - 1, 20));
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }
}
