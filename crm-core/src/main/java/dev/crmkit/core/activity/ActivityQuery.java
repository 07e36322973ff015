package dev.crmkit.core.activity;

import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A page of a timeline or of the feed: newest first, optionally only some types.
 *
 * @param types only these types; empty for all
 * @param limit the page size, 1..1000
 * @param cursor from the previous page ("load older"), or {@code null} for the newest
 */
public record ActivityQuery(Set<ActivityType> types, int limit, @Nullable String cursor) {

    public ActivityQuery {
        types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000: " + limit);
        }
    }

    /** The newest 50 entries of every type. */
    public static ActivityQuery newest() {
        return new ActivityQuery(Set.of(), 50, null);
    }

    /** The newest entries of the given types. */
    public static ActivityQuery ofTypes(int limit, ActivityType... types) {
        return new ActivityQuery(Set.of(types), limit, null);
    }

    /** The newest {@code limit} entries of every type. */
    public static ActivityQuery newest(int limit) {
        return new ActivityQuery(Set.of(), limit, null);
    }

    /** The same query for the page after the cursor. */
    public ActivityQuery after(String nextCursor) {
        return new ActivityQuery(types, limit, nextCursor);
    }
}
