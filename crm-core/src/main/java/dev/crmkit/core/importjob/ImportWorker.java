package dev.crmkit.core.importjob;

import dev.crmkit.core.TenantId;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * What the workers of an importer use to run jobs: claiming them under a lease, committing their
 * chunks and ending them. Every rule about what an import may store lives behind this interface;
 * the importer reads files and hands rows over. A worker acts with the permissions of the job's
 * submitter, checked again at every chunk, and every call checks that the caller still holds the
 * job's lease, so a worker that lost its lease cannot write. Thread-safe.
 */
public interface ImportWorker {

    /** Claims a job of any tenant that needs a worker, with a lease of the given length. */
    Optional<JobClaim> claim(String owner, Duration lease);

    /**
     * Claims one given job if it needs a worker (QUEUED, or RUNNING with an expired lease, or
     * already this owner's).
     *
     * @return false if another worker holds it or it has ended
     */
    boolean claimJob(TenantId tenant, long jobId, String owner, Duration lease);

    /**
     * Starts (or resumes) a claimed job: RUNNING, lease renewed.
     *
     * @throws dev.crmkit.core.ConflictException {@code JOB_STATE_INVALID} if the lease was lost
     */
    ImportJob start(TenantId tenant, long jobId, String owner, Duration lease);

    /** Extends the lease; fails with {@code JOB_STATE_INVALID} if the job is no longer this owner's. */
    ImportJob renew(TenantId tenant, long jobId, String owner, Duration lease);

    /**
     * The job's source bytes as stored, or as found at its shared path. If the store fails while
     * the stream is read, the stream's {@link java.io.IOException} has the {@link
     * dev.crmkit.core.StorageException} as its cause.
     */
    InputStream openSource(TenantId tenant, long jobId);

    /**
     * A preparer that checks this job's chunks outside any unit of work, for {@link
     * #commitChunk(TenantId, long, String, PreparedChunk, InFilePhones)}.
     */
    ChunkPreparer preparer(TenantId tenant, long jobId);

    /**
     * Stores a chunk prepared by this job's {@link #preparer}, and records the job's progress, in
     * one unit of work; otherwise like {@link #commitChunk(TenantId, long, String, Chunk, InFilePhones)}.
     *
     * @throws IllegalArgumentException if the chunk was not prepared by core for this job
     */
    ChunkResult commitChunk(TenantId tenant, long jobId, String owner, PreparedChunk chunk, InFilePhones phones);

    /**
     * Validates and stores a chunk, and records the job's progress, in one unit of work.
     *
     * @param phones the numbers accepted by earlier chunks; this chunk's accepted numbers are
     *     added once it is committed, never before
     * @throws dev.crmkit.core.ConflictException {@code JOB_STATE_INVALID} if the job was
     *     cancelled or taken over: nothing of the chunk is stored
     */
    ChunkResult commitChunk(TenantId tenant, long jobId, String owner, Chunk chunk, InFilePhones phones);

    /**
     * Records that the checking pass of an atomic job found every row valid: progress starts
     * over and the writing pass follows.
     */
    ImportJob markChecked(TenantId tenant, long jobId, String owner);

    /**
     * Ends a job as {@code end} says: COMPLETED, or FAILED with a code and message, first
     * reverting what its chunks wrote if {@code end} asks for it or the job is atomic.
     */
    ImportJob finish(TenantId tenant, long jobId, String owner, JobEnd end);
}
