package dev.crmkit.core.spi;

import dev.crmkit.core.importjob.JobClaim;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.blob.BlobStore;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The port every storage adapter implements. Core runs each service call as one unit of work on
 * one tenant's stores; a store can never reach another tenant's data.
 *
 * <p>Implementations must be thread-safe. {@code crm-testkit} holds the contract suites an
 * implementation must pass.
 */
public interface Storage {

    /**
     * Runs read-only work on a consistent view of the tenant's data.
     *
     * @throws dev.crmkit.core.StorageException if the storage fails
     */
    <T> T read(TenantId tenant, Function<StorageSession, T> work);

    /**
     * Runs work atomically: if it returns, every change it made is stored; if it throws, none is,
     * and the exception propagates unchanged (storage failures as {@link
     * dev.crmkit.core.StorageException}). Concurrent units of work on one tenant behave as if run
     * one after the other.
     */
    <T> T write(TenantId tenant, Function<StorageSession, T> work);

    /**
     * Claims one import job, of any tenant, that needs a worker: the oldest QUEUED or RUNNING job
     * that has no lease or whose lease ended before {@code now}. The claim sets the job's lease owner to
     * {@code owner} and its lease end to {@code leaseUntil}, increases its version, and is atomic:
     * two processes never claim the same job for overlapping leases.
     *
     * @return the claimed job, or empty if none needs a worker
     */
    Optional<JobClaim> claimImportJob(String owner, Instant now, Instant leaseUntil);

    /**
     * Where attachment bytes go when the host configures no blob store: the adapter's own
     * (in-memory beside in-memory data, database tables beside the database's), or empty if it has
     * none (attachments then need one configured).
     */
    default Optional<BlobStore> defaultBlobStore() {
        return Optional.empty();
    }
}
