package dev.crmkit.importer;

import java.time.Duration;
import java.util.Objects;

/**
 * A chunk of rows an import job committed, as told to {@link ImportListener#onChunkCommitted}. The
 * counts are this chunk's alone; a dry run's (and an atomic job's checking pass's) say what a real
 * run would do.
 *
 * @param jobId the job
 * @param rows data rows in the chunk
 * @param created rows that created a customer
 * @param updated rows that updated one
 * @param skipped rows skipped because their phone was stored (SKIP mode)
 * @param rejected rows rejected
 * @param stored whether the chunk's accepted rows were written: false for a dry run and for the
 *     checking pass of an atomic job
 * @param dryRun whether the job is a dry run
 * @param duration how long the commit took on the committing thread (reading and parsing the
 *     rows, which run beside it, not included)
 */
public record ChunkCommit(long jobId, int rows, int created, int updated, int skipped, int rejected, boolean stored,
                          boolean dryRun, Duration duration) {
    public ChunkCommit {
        Objects.requireNonNull(duration, "duration");
    }
}
