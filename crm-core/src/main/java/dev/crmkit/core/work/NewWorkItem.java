package dev.crmkit.core.work;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.CrmValidationException.Violation;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.text.TextFolding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A work item's values as given, to create one or to replace a stored one's. Checked on
 * construction, every problem at once. Build with {@link #builder}.
 *
 * @param kind task, issue or event
 * @param title 1 to 200 characters, trimmed
 * @param description at most 5,000 characters, or {@code null}
 * @param customerId the customer to link it to, or {@code null}
 * @param assignee a user of the tenant's directory, or {@code null}
 * @param dueAt when it is due; an event's start, which an event must have
 * @param endsAt an event's end, not before its start; only events have one
 */
public record NewWorkItem(WorkItemKind kind, String title, @Nullable String description, @Nullable Long customerId, @Nullable String assignee,
                          @Nullable Instant dueAt, @Nullable Instant endsAt) {

    public static final int MAX_DESCRIPTION = 5_000;

    public NewWorkItem {
        Objects.requireNonNull(kind, "kind");
        List<Violation> problems = new ArrayList<>();
        title = title == null ? "" : TextFolding.trim(title);
        if (title.isEmpty() || title.length() > 200) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "title", "a title has 1 to 200 characters"));
        }
        description = description == null || TextFolding.isBlank(description) ? null : description.strip();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            problems.add(new Violation(ErrorCode.VALUE_TOO_LONG, "description",
                    "a description has at most " + MAX_DESCRIPTION + " characters"));
        }
        assignee = assignee == null || TextFolding.isBlank(assignee) ? null : assignee.strip();
        if (kind == WorkItemKind.EVENT && dueAt == null) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "dueAt", "an event needs its start"));
        }
        if (endsAt != null && kind != WorkItemKind.EVENT) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "endsAt", "only an event has an end"));
        }
        if (endsAt != null && dueAt != null && endsAt.isBefore(dueAt)) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "endsAt", "an event ends after it starts"));
        }
        TextFolding.refuseNul(problems, "title", title, "description", description);
        if (!problems.isEmpty()) {
            throw new CrmValidationException(problems);
        }
    }

    public static Builder builder(WorkItemKind kind, String title) {
        return new Builder(kind, title);
    }

    /** The values of a stored item, to change some of them. */
    public static Builder of(WorkItem item) {
        return new Builder(item.kind(), item.title()).description(item.description()).customer(item.customerId())
                .assignee(item.assignee()).dueAt(item.dueAt()).endsAt(item.endsAt());
    }

    public static final class Builder {
        private final WorkItemKind kind;
        private String title;
        private @Nullable String description;
        private @Nullable Long customerId;
        private @Nullable String assignee;
        private @Nullable Instant dueAt;
        private @Nullable Instant endsAt;

        private Builder(WorkItemKind kind, String title) {
            this.kind = kind;
            this.title = title;
        }

        public Builder title(String value) {
            title = value;
            return this;
        }

        public Builder description(@Nullable String value) {
            description = value;
            return this;
        }

        /** Links it to a customer ({@code null} for none). */
        public Builder customer(@Nullable Long value) {
            customerId = value;
            return this;
        }

        public Builder assignee(@Nullable String value) {
            assignee = value;
            return this;
        }

        public Builder dueAt(@Nullable Instant value) {
            dueAt = value;
            return this;
        }

        public Builder endsAt(@Nullable Instant value) {
            endsAt = value;
            return this;
        }

        public NewWorkItem build() {
            return new NewWorkItem(kind, title, description, customerId, assignee, dueAt, endsAt);
        }
    }
}
