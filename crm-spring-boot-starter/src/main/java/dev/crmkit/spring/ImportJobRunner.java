package dev.crmkit.spring;

import dev.crmkit.core.CrmException;
import dev.crmkit.importer.Importer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs queued import jobs, and jobs whose process died, on a few worker threads for as long as
 * the application context runs: each worker claims a job, runs it to its end, and looks again; an
 * idle worker looks every poll interval, or at once after {@link #wakeUp()}. Any number of
 * processes sharing a database can run workers side by side: a job is claimed by one at a time.
 *
 * <p>Stopping (the context closing) lets every running job finish the chunk it is on, up to the
 * shutdown timeout; a job stopped that way stays claimed until its lease runs out, then whichever
 * process looks first resumes it after its last committed chunk. A worker that cannot claim (the
 * database is down) logs a warning and tries again at the next poll. Thread-safe.
 */
public final class ImportJobRunner implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ImportJobRunner.class);

    private final Importer importer;
    private final int workers;
    private final Duration pollInterval;
    private final Duration shutdownTimeout;
    private final Object lock = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private long wakeUps;

    /**
     * @param importer runs the jobs, with its listeners
     * @param workers worker threads, at least 1
     * @param pollInterval how often an idle worker looks for jobs
     * @param shutdownTimeout how long {@link #stop()} waits for running jobs to reach a chunk's end
     */
    public ImportJobRunner(Importer importer, int workers, Duration pollInterval, Duration shutdownTimeout) {
        this.importer = Objects.requireNonNull(importer, "importer");
        if (workers < 1) {
            throw new IllegalArgumentException("at least one worker: " + workers);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive: " + pollInterval);
        }
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("the shutdown timeout must not be negative: " + shutdownTimeout);
        }
        this.workers = workers;
        this.pollInterval = pollInterval;
        this.shutdownTimeout = shutdownTimeout;
    }

    /** The number of worker threads. */
    public int workers() {
        return workers;
    }

    /** Makes idle workers look for jobs now rather than at their next poll, e.g. right after a submission. */
    public void wakeUp() {
        synchronized (lock) {
            wakeUps++;
            lock.notifyAll();
        }
    }

    @Override
    public void start() {
        synchronized (lock) {
            if (running) {
                return;
            }
            running = true;
            threads.clear();
            for (int i = 1; i <= workers; i++) {
                Thread t = new Thread(this::work, "crm-import-worker-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }
        LOG.info("crmkit import runner started: {} worker(s) as {}, polling every {} ms", workers, importer.owner(),
                pollInterval.toMillis());
    }

    @Override
    public void stop() {
        List<Thread> stopping;
        synchronized (lock) {
            if (!running) {
                return;
            }
            running = false;
            lock.notifyAll();
            stopping = new ArrayList<>(threads);
            threads.clear();
        }
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        boolean clean = true;
        for (Thread t : stopping) {
            clean &= join(t, deadline - System.nanoTime());
        }
        if (!clean) {
            // A job reading a slow file has not reached its chunk's end: interrupt it there.
            for (Thread t : stopping) {
                t.interrupt();
            }
            for (Thread t : stopping) {
                join(t, TimeUnit.SECONDS.toNanos(5));
            }
        }
        LOG.info("crmkit import runner stopped{}", clean ? "" : " (a job was interrupted; it resumes after its lease)");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped first and started last of the context's lifecycle beans, with the database still there. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    private void work() {
        while (running) {
            long seen;
            synchronized (lock) {
                seen = wakeUps;
            }
            int ran = 0;
            try {
                ran = importer.runPending(() -> !running);
            } catch (RuntimeException e) {
                // The message may quote the database, values included: only its kind goes out at WARN.
                LOG.warn("crmkit import worker could not run jobs ({}); trying again in {} ms", kind(e),
                        pollInterval.toMillis());
                LOG.debug("crmkit import worker failure", e);
            }
            if (ran == 0) {
                idle(seen);
            }
        }
    }

    private void idle(long seen) {
        long until = System.nanoTime() + pollInterval.toNanos();
        synchronized (lock) {
            long left;
            while (running && wakeUps == seen && (left = until - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static boolean join(Thread t, long nanos) {
        try {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    private static String kind(RuntimeException e) {
        return e instanceof CrmException c ? c.code().name() : e.getClass().getSimpleName();
    }
}
