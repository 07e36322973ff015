package dev.crmkit.core.activity;

import java.time.Instant;
import java.util.Objects;

/**
 * A non-personal record of a destructive action that outlives its subject, such as a customer
 * deletion: who, when, what, and the subject's id. Never holds names, phones or national ids.
 *
 * @param id assigned by the store
 * @param at when
 * @param actorId who
 * @param action what, e.g. {@code CUSTOMER_DELETED}
 * @param subject the id of what it was done to
 */
public record AuditEntry(long id, Instant at, String actorId, String action, String subject) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
    }

    public AuditEntry withId(long newId) {
        return new AuditEntry(newId, at, actorId, action, subject);
    }
}
