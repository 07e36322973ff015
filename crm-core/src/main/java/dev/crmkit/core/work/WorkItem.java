package dev.crmkit.core.work;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A work item as stored.
 *
 * @param id assigned by the store
 * @param kind task, issue or event
 * @param title the title
 * @param description more text, or {@code null}
 * @param customerId the linked customer, or {@code null} (also after the customer was deleted)
 * @param assignee the user it is assigned to, or {@code null}
 * @param dueAt when it is due (an event's start), or {@code null}
 * @param endsAt an event's end, or {@code null}
 * @param done whether it is completed
 * @param doneAt when it was completed, or {@code null}
 * @param createdBy who created it
 * @param createdAt when
 * @param updatedAt when it last changed
 * @param version increases with every change
 */
public record WorkItem(long id, WorkItemKind kind, String title, @Nullable String description, @Nullable Long customerId,
                       @Nullable String assignee, @Nullable Instant dueAt, @Nullable Instant endsAt, boolean done, @Nullable Instant doneAt, String createdBy,
                       Instant createdAt, Instant updatedAt, long version) {

    public WorkItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Whether it is not done and its due time has passed at {@code now}. */
    public boolean isOverdue(Instant now) {
        return !done && dueAt != null && dueAt.isBefore(now);
    }
}
