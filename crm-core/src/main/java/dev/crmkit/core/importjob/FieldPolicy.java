package dev.crmkit.core.importjob;

/** In UPDATE mode, when a non-blank cell may overwrite a stored value. */
public enum FieldPolicy {
    /** Whenever the cell is not blank (the default). */
    ALWAYS,
    /** Only when the stored value is empty. */
    ONLY_IF_EMPTY,
    /** Never: the column is ignored for stored customers. */
    NEVER
}
