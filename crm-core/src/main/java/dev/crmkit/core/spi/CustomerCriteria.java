package dev.crmkit.core.spi;

import dev.crmkit.core.customer.CustomerSort;
import dev.crmkit.core.customer.CustomerStatus;
import dev.crmkit.core.customer.Segment;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A customer search as core hands it to a {@link CustomerStore}: already folded and parsed, so a
 * store only has to match. {@link #matches} is the reference semantics every store must give.
 *
 * @param terms conditions the customer's {@linkplain SearchKeys search keys} must each meet
 * @param segments allowed segments; empty for all
 * @param statuses allowed statuses; empty for all
 * @param representative required representative, or {@code null}
 * @param queue required queue, or {@code null}
 * @param contactedSince only customers with lastContactAt at or after this, or {@code null}
 * @param sort the order
 * @param after return only customers after this position in the order, or {@code null}
 * @param limit the most customers to return
 */
public record CustomerCriteria(List<SearchTerm> terms, Set<Segment> segments, Set<CustomerStatus> statuses,
                               @Nullable String representative, @Nullable String queue, @Nullable Instant contactedSince, CustomerSort sort,
                               @Nullable SortKey after, int limit) {

    public CustomerCriteria {
        terms = List.copyOf(terms);
        segments = Set.copyOf(segments);
        statuses = Set.copyOf(statuses);
        Objects.requireNonNull(sort, "sort");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    /**
     * Whether the customer passes the filters and the terms (not the position or the limit).
     *
     * @param sortedKeys the customer's keys, as {@link SearchKeys#of} gives them
     */
    public boolean matches(CustomerRecord r, String[] sortedKeys) {
        if (!segments.isEmpty() && !segments.contains(r.segment())) {
            return false;
        }
        if (!statuses.isEmpty() && !statuses.contains(r.status())) {
            return false;
        }
        if (representative != null && !representative.equals(r.representative())) {
            return false;
        }
        if (queue != null && !queue.equals(r.queue())) {
            return false;
        }
        if (contactedSince != null && (r.lastContactAt() == null || r.lastContactAt().isBefore(contactedSince))) {
            return false;
        }
        for (SearchTerm term : terms) {
            if (!term.matches(sortedKeys)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the position is after {@link #after()} in the order (always true without one). */
    public boolean isAfterCursor(SortKey key) {
        return after == null || SortKey.comparator(sort).compare(after, key) < 0;
    }
}
