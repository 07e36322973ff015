package dev.crmkit.core.customer;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A customer search: free text, filters, sort and the page to return.
 *
 * <p>Text: every word must match somewhere in the name, any phone, the e-mail or the company,
 * ignoring case and Turkish letters both ways. A text made only of digits, spaces and
 * {@code + - ( )} with at least 7 digits is one phone query ({@code 0530 123 45 67}). No character
 * is a wildcard.
 *
 * @param text words to find, or {@code null} for all customers
 * @param segments only these segments; empty for all
 * @param statuses only these statuses; empty for all
 * @param representative only customers of this representative, or {@code null}
 * @param queue only customers of this queue, or {@code null}
 * @param contactedWithinDays only customers contacted within this many days, or {@code null}
 * @param sort the order
 * @param limit the page size, 1..1000
 * @param cursor from the previous page, or {@code null} for the first page
 */
public record CustomerQuery(@Nullable String text, Set<Segment> segments, Set<CustomerStatus> statuses, @Nullable String representative,
                            @Nullable String queue, @Nullable Integer contactedWithinDays, CustomerSort sort, int limit, @Nullable String cursor) {

    /** The page size when none is given. */
    public static final int DEFAULT_LIMIT = 50;
    /** The largest page size. */
    public static final int MAX_LIMIT = 1000;

    public CustomerQuery {
        segments = segments.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(segments));
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        Objects.requireNonNull(sort, "sort");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
        if (contactedWithinDays != null && contactedWithinDays < 0) {
            throw new IllegalArgumentException("contactedWithinDays must not be negative");
        }
    }

    /** All customers, newest update first, first page. */
    public static CustomerQuery all() {
        return builder().build();
    }

    /** Customers matching the text. */
    public static CustomerQuery text(String text) {
        return builder().text(text).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same query for the page after the given cursor. */
    public CustomerQuery withCursor(String nextCursor) {
        return new CustomerQuery(text, segments, statuses, representative, queue, contactedWithinDays, sort, limit,
                nextCursor);
    }

    /** Builds a query; unset parts mean "no filter". Not thread-safe. */
    public static final class Builder {
        private @Nullable String text;
        private final Set<Segment> segments = EnumSet.noneOf(Segment.class);
        private final Set<CustomerStatus> statuses = EnumSet.noneOf(CustomerStatus.class);
        private @Nullable String representative;
        private @Nullable String queue;
        private @Nullable Integer contactedWithinDays;
        private CustomerSort sort = CustomerSort.UPDATED;
        private int limit = DEFAULT_LIMIT;
        private @Nullable String cursor;

        private Builder() {
        }

        public Builder text(@Nullable String text) {
            this.text = text;
            return this;
        }

        public Builder segments(Segment... segments) {
            this.segments.addAll(Set.of(segments));
            return this;
        }

        public Builder statuses(CustomerStatus... statuses) {
            this.statuses.addAll(Set.of(statuses));
            return this;
        }

        public Builder representative(@Nullable String representative) {
            this.representative = representative;
            return this;
        }

        public Builder queue(@Nullable String queue) {
            this.queue = queue;
            return this;
        }

        /** Only customers whose last contact is within the last {@code days} days. */
        public Builder contactedWithinDays(int days) {
            this.contactedWithinDays = days;
            return this;
        }

        public Builder sort(CustomerSort sort) {
            this.sort = Objects.requireNonNull(sort, "sort");
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder cursor(@Nullable String cursor) {
            this.cursor = cursor;
            return this;
        }

        public CustomerQuery build() {
            return new CustomerQuery(text, segments, statuses, representative, queue, contactedWithinDays, sort, limit,
                    cursor);
        }
    }
}
