package dev.crmkit.core.importjob;

import dev.crmkit.core.TenantId;
import java.util.Objects;

/**
 * A job a worker has claimed under a lease ({@link ImportWorker#claim}); storage adapters return it
 * from {@code Storage.claimImportJob}, which does the claiming.
 *
 * @param tenant the job's tenant
 * @param jobId the job
 */
public record JobClaim(TenantId tenant, long jobId) {
    public JobClaim {
        Objects.requireNonNull(tenant, "tenant");
    }
}
