package dev.crmkit.core.importjob;

import java.util.List;

/**
 * What a committed chunk did.
 *
 * @param created customers created (or that a dry run would create)
 * @param updated customers updated
 * @param skipped rows skipped because their phone was stored (SKIP mode)
 * @param rejected rows rejected
 * @param rejectedRows the rejected rows with their errors, in file order
 * @param job the job after the commit
 */
public record ChunkResult(int created, int updated, int skipped, int rejected, List<RejectedRow> rejectedRows,
                          ImportJob job) {
    public ChunkResult {
        rejectedRows = List.copyOf(rejectedRows);
    }
}
