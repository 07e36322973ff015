package dev.crmkit.core.spi;

import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.RejectedRow;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** Import jobs of one tenant, with their rejected rows, their changes and their source bytes. */
public interface ImportJobStore {

    /**
     * Stores a new job and assigns its id.
     *
     * @param job with id 0 and version 1
     * @return the id
     */
    long insert(ImportJob job);

    /** The job with this id. */
    Optional<ImportJob> find(long id);

    /** The newest jobs first. */
    List<ImportJob> list(int limit);

    /**
     * Replaces a job if it is still at {@code expectedVersion}; this is how a process holding a
     * lease makes sure nobody took the job over.
     *
     * @param job the new state with its new version
     * @return false, changing nothing, if the job is gone or at another version
     */
    boolean update(ImportJob job, long expectedVersion);

    /** Adds rejected rows of a job. */
    void addRejectedRows(long jobId, List<RejectedRow> rows);

    /** Rejected rows of a job with a row number above {@code afterRow}, by row number. */
    List<RejectedRow> rejectedRows(long jobId, long afterRow, int limit);

    /** Adds what the job did to customers. */
    void addChanges(long jobId, List<ImportChange> changes);

    /** Everything the job did to customers, in the order it was done. */
    List<ImportChange> changes(long jobId);

    /**
     * Stores the source's bytes, read to the end, for any process sharing the store to resume
     * the job from. The caller closes the stream.
     */
    void writeSource(long jobId, InputStream bytes);

    /**
     * The stored source bytes; the caller closes the stream. Empty if none were stored. A stream
     * that reads from the store after this unit of work reports a failure of the store as an
     * {@link java.io.IOException} whose cause is a {@link dev.crmkit.core.StorageException}.
     */
    Optional<InputStream> openSource(long jobId);

    /**
     * Removes the stored source bytes of a job that has ended: nothing reads them again (the
     * rejected rows, the undo records and the counts are kept apart), and a million-row file
     * would otherwise stay in the store for good. Does nothing if none are stored.
     */
    void deleteSource(long jobId);
}
