package dev.crmkit.importer;

import dev.crmkit.core.importjob.JobWarning;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.importjob.RowError;
import java.util.List;

/**
 * The outcome of an import job, as far as it got.
 *
 * @param job the job as stored (id, status, counts, detected encoding and delimiter, fatal error)
 * @param warnings file-level and row warnings
 * @param errors every error of every rejected row, in file order
 */
public record ImportReport(ImportJob job, List<JobWarning> warnings, List<RowError> errors) {

    public ImportReport {
        warnings = List.copyOf(warnings);
        errors = List.copyOf(errors);
    }

    public long jobId() {
        return job.id();
    }

    public JobStatus status() {
        return job.status();
    }

    public boolean dryRun() {
        return job.dryRun();
    }

    /** Data rows read (rejected ones included, blank ones not). */
    public long rows() {
        return job.rows();
    }

    public long created() {
        return job.created();
    }

    public long updated() {
        return job.updated();
    }

    public long skipped() {
        return job.skipped();
    }

    /** Rejected rows (not errors: a row with three errors counts once). */
    public long rejected() {
        return job.rejected();
    }
}
