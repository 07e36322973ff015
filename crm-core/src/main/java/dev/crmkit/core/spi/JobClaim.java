package dev.crmkit.core.spi;

import dev.crmkit.core.TenantId;
import java.util.Objects;

/**
 * A job a process has claimed.
 *
 * @param tenant the job's tenant
 * @param jobId the job
 */
public record JobClaim(TenantId tenant, long jobId) {
    public JobClaim {
        Objects.requireNonNull(tenant, "tenant");
    }
}
