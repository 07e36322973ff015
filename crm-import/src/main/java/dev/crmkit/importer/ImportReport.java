package dev.crmkit.importer;

import dev.crmkit.core.importjob.JobWarning;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.importjob.RowError;
import java.util.List;

/**
 * The outcome of an import job, as far as it got. It holds the errors of the first rejected rows
 * only, so that a report stays small whatever the file: every rejected row is in the store, read
 * a page at a time by {@link Importer#rejectedRows} and {@link Importer#writeErrorReport}.
 *
 * @param job the job as stored (id, status, counts, detected encoding and delimiter, fatal error)
 * @param warnings file-level and row warnings
 * @param firstErrors every error of the first {@value #FIRST_ROWS} rejected rows (or fewer), in
 *     file order; {@link #rejected()} says how many rows were rejected in all
 */
public record ImportReport(ImportJob job, List<JobWarning> warnings, List<RowError> firstErrors) {

    /** How many rejected rows' errors a report holds. */
    public static final int FIRST_ROWS = 100;

    public ImportReport {
        warnings = List.copyOf(warnings);
        firstErrors = List.copyOf(firstErrors);
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
