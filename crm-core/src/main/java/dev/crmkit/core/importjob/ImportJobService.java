package dev.crmkit.core.importjob;

import dev.crmkit.core.Actor;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Import jobs as users see them: submitting, watching, cancelling and undoing them. The work
 * itself is done through {@link ImportWorker} by an importer such as {@code crm-import}.
 * Thread-safe.
 *
 * <p>Permissions: submitting needs CONTRIBUTE, or EDIT for UPDATE mode; reading needs VIEW;
 * cancelling CONTRIBUTE; undoing EDIT.
 */
public interface ImportJobService {

    /**
     * Creates a QUEUED job and copies the source's bytes into the store, so that any process
     * sharing the store can run it. Records the source's size and SHA-256.
     */
    ImportJob submit(Actor actor, JobRequest request, InputStream source);

    /**
     * Creates a QUEUED job that reads its source from a path every process can read; records the
     * file's size and SHA-256, and a resume that finds other bytes fails with {@code SOURCE_CHANGED}.
     */
    ImportJob submitShared(Actor actor, JobRequest request, Path source);

    Optional<ImportJob> find(Actor actor, long jobId);

    /** The newest jobs first. */
    List<ImportJob> list(Actor actor, int limit);

    /** Rejected rows after the given row number, by row number, for reports. */
    List<RejectedRow> rejectedRows(Actor actor, long jobId, long afterRow, int limit);

    /**
     * Cancels a job that has not ended: a queued job will not run, a running one stops before its
     * next chunk (chunks already committed stay, and can be removed by {@link #undo}).
     */
    ImportJob cancel(Actor actor, long jobId);

    /**
     * Reverts an ended import: removes the customers it created and gives the customers it updated
     * their previous values back, leaving alone (and listing) customers changed since.
     */
    UndoReport undo(Actor actor, long jobId);
}
