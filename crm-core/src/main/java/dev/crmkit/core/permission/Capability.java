package dev.crmkit.core.permission;

/**
 * A right beside the permission levels, granted to groups: the specification gives a few actions
 * to "groups granted that capability" whatever their level. Tenant admins have every capability.
 */
public enum Capability {
    /** Opening the recordings of calls other agents made (everyone may open their own). */
    OTHERS_RECORDINGS,
    /** Sending messages written freely rather than from a template. */
    FREE_TEXT_MESSAGES
}
