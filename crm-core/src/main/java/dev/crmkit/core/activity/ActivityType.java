package dev.crmkit.core.activity;

/** Kinds of timeline entries. */
public enum ActivityType {
    NOTE,
    CALL,
    SMS,
    WHATSAPP,
    /** System events: created, field changed, phone added or deleted, assigned, imported. */
    LOG,
    /** Work item events. */
    TASK
}
