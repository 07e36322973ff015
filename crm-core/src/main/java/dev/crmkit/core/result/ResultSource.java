package dev.crmkit.core.result;

/** Where an application of a result code came from; reports count the two apart. */
public enum ResultSource {
    /** A dialer or another integration. */
    SYSTEM,
    /** An agent entered it. */
    MANUAL
}
