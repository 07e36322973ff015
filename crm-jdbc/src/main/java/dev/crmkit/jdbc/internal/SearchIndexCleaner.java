package dev.crmkit.jdbc.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the search keys that bulk writes leave in the pending list of PostgreSQL's GIN index
 * ({@code crm_customer_keys}) into the index proper, on a connection and a server process of their
 * own, while the import goes on.
 *
 * <p>Why: a GIN index with fast update (PostgreSQL's default) takes new keys into an unsorted
 * pending list, and merges that list into its tree when it outgrows {@code
 * gin_pending_list_limit}, in whichever process inserted last. During an import that process is
 * the import's own, so the merge stood in the import's way while the machine's other cores idled.
 * With this cleaner the merge runs beside the import: a process that finds the list over its limit
 * while another one merges it leaves the merge to that one and carries on. Importing a million
 * customers with the command line tool on 2 cores took 38.3 s with it and 48.1 s without it, in one
 * run of {@code CliImportBenchmark postgres} (crm-bench).
 *
 * <p>Nothing a reader sees changes: a key in the pending list is found by searches as one in the
 * tree is; the list only makes them slower while it is long, so keeping it short helps them too.
 *
 * <p>Best effort and self-limiting: one thread at most, started by {@link #wake()} and ending after
 * a second without wake-ups, taking a connection for each merge only (so it never holds one of a
 * small pool for long). PostgreSQL lets only the index's owner (or a superuser) merge on request;
 * when the database refuses, the cleaner logs it once and stops asking, and the index works as
 * before.
 */
final class SearchIndexCleaner {

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexCleaner.class);

    /** How long the thread waits for the next wake-up before it ends. */
    private static final long IDLE_MILLIS = 1_000;

    private static final String CLEAN = "SELECT gin_clean_pending_list('crm_customer_keys'::regclass)";

    private final DataSource dataSource;
    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong pagesMerged = new AtomicLong();
    private volatile boolean refused;

    private SearchIndexCleaner(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The cleaner of a PostgreSQL database's search index. */
    static SearchIndexCleaner forPostgres(DataSource dataSource) {
        return new SearchIndexCleaner(dataSource);
    }

    /**
     * Tells the cleaner that keys were just written in bulk: it merges the pending list soon, on
     * its own thread. Never blocks and never fails.
     */
    void wake() {
        if (refused) {
            return;
        }
        wakeUps.release();
        startIfIdle();
    }

    /** Whether the database refused a merge, after which the cleaner no longer asks. */
    boolean refused() {
        return refused;
    }

    /** The pending-list pages this cleaner has merged so far. */
    long pagesMerged() {
        return pagesMerged.get();
    }

    private void startIfIdle() {
        if (running.compareAndSet(false, true)) {
            try {
                Thread worker = new Thread(this::work, "crmkit-search-index-cleaner");
                worker.setDaemon(true);
                worker.start();
            } catch (RuntimeException | OutOfMemoryError e) {
                // No thread to be had (a host's limit): the server merges as it always did; the
                // write that woke the cleaner must not fail for it.
                running.set(false);
                LOG.debug("no thread for merging the search index's pending list", e);
            }
        }
    }

    private void work() {
        try {
            while (!refused && wakeUps.tryAcquire(IDLE_MILLIS, TimeUnit.MILLISECONDS)) {
                wakeUps.drainPermits();
                // A merge takes the list as it finds it; what arrives meanwhile waits for the
                // next wake-up, which the writer of those keys gives.
                mergeOnce();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.set(false);
            // A wake-up between the last wait and the line above found the thread still running.
            if (wakeUps.availablePermits() > 0 && !refused) {
                startIfIdle();
            }
        }
    }

    private void mergeOnce() {
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(CLEAN)) {
                rs.next();
                pagesMerged.addAndGet(rs.getLong(1));
            }
        } catch (SQLException e) {
            if (SqlErrors.isRefusal(e)) {
                refused = true;
                LOG.info("PostgreSQL refused to merge the search index's pending list ({}); imports leave the merge"
                        + " to the server as before. Run the schema's migrations as the owner of crm_customer_keys"
                        + " to let the adapter do it beside imports.", e.getMessage());
            } else {
                LOG.debug("merging the search index's pending list failed; the next bulk write tries again", e);
            }
        }
    }
}
