package dev.crmkit.core.importjob;

/** Whether an import job stores its valid rows whatever the others do (spec 3.4). */
public enum ImportMode {
    /** Valid rows are stored, invalid rows reported (the default). */
    PARTIAL,
    /** If any row is invalid nothing is stored and the job fails with {@code ROWS_REJECTED}. */
    ATOMIC
}
