package dev.crmkit.spring.autoconfigure;

import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.importer.ChunkCommit;
import dev.crmkit.importer.ImportListener;
import dev.crmkit.importer.ImportReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Counts jobs and rows and times chunk commits and job lag; see {@link CrmMetricsAutoConfiguration}. */
final class ImportMetrics implements ImportListener {

    private final Counter started;
    private final Counter completed;
    private final Counter failed;
    private final Counter cancelled;
    private final Counter created;
    private final Counter updated;
    private final Counter skipped;
    private final Counter rejected;
    private final Timer commit;
    private final Timer lag;

    ImportMetrics(MeterRegistry registry) {
        started = jobs(registry, "started");
        completed = jobs(registry, "completed");
        failed = jobs(registry, "failed");
        cancelled = jobs(registry, "cancelled");
        created = rows(registry, "created");
        updated = rows(registry, "updated");
        skipped = rows(registry, "skipped");
        rejected = rows(registry, "rejected");
        commit = Timer.builder("crm.import.chunk.commit")
                .description("Time to commit one chunk of an import job")
                .register(registry);
        lag = Timer.builder("crm.import.job.lag")
                .description("Time from an import job's submission to its first start")
                .register(registry);
    }

    private static Counter jobs(MeterRegistry registry, String outcome) {
        return Counter.builder("crm.import.jobs").tag("outcome", outcome)
                .description("Import jobs this process started or resumed, and how they ended")
                .register(registry);
    }

    private static Counter rows(MeterRegistry registry, String outcome) {
        return Counter.builder("crm.import.rows").tag("outcome", outcome)
                .description("Rows of import jobs (dry runs left out), as their chunks are committed")
                .register(registry);
    }

    @Override
    public void onStarted(ImportJob job) {
        started.increment();
        // Nothing committed yet: a first start (startedAt is kept from it if the job is resumed).
        if (job.rows() == 0 && job.startedAt() != null) {
            Duration waited = Duration.between(job.submittedAt(), job.startedAt());
            lag.record(waited.isNegative() ? Duration.ZERO : waited);
        }
    }

    @Override
    public void onChunkCommitted(ChunkCommit chunk) {
        commit.record(chunk.duration());
        if (chunk.dryRun()) {
            return;
        }
        rejected.increment(chunk.rejected());
        if (chunk.stored()) {
            created.increment(chunk.created());
            updated.increment(chunk.updated());
            skipped.increment(chunk.skipped());
        }
    }

    @Override
    public void onFinished(ImportReport report) {
        switch (report.job().status()) {
            case COMPLETED -> completed.increment();
            case FAILED -> failed.increment();
            case CANCELLED -> cancelled.increment();
            default -> {
                // Stopped without ending: it is counted when it ends, wherever it is resumed.
            }
        }
    }
}
