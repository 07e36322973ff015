package dev.crmkit.importer;

/** Whether an import stores its valid rows whatever the others do. */
public enum ImportMode {
    /** Valid rows are stored, invalid rows reported (the default). */
    PARTIAL,
    /** If any row is invalid nothing is stored and the job fails with {@code ROWS_REJECTED}. */
    ATOMIC
}
