package dev.crmkit.core.importjob;

/** What an import does with a row whose phone is already stored. */
public enum OnDuplicate {
    /** The row is rejected with {@code DUPLICATE_PHONE} (the default). */
    REJECT,
    /** The row is counted as skipped; not an error. */
    SKIP,
    /** The stored customer is updated from the row (needs EDIT). */
    UPDATE
}
