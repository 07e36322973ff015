package dev.crmkit.core.spi;

import dev.crmkit.core.customer.CustomerSort;
import dev.crmkit.core.text.TextFolding;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A customer's position in a sorted list, for keyset paging. Stores compare positions exactly as
 * {@link #comparator(CustomerSort)} does.
 *
 * <ul>
 *   <li>{@link CustomerSort#UPDATED}: {@code number} = updatedAt in epoch microseconds, descending;
 *   <li>{@link CustomerSort#CREATED}: {@code number} = createdAt in epoch microseconds, descending;
 *   <li>{@link CustomerSort#INTERACTIONS}: {@code number} = totalContacts, descending;
 *   <li>{@link CustomerSort#NAME}: {@code text} = the folded full name, ascending (by UTF-16 code units);
 * </ul>
 * Ties are broken by id: descending for descending sorts, ascending for NAME.
 *
 * @param number the numeric key, 0 for NAME
 * @param text the text key, {@code null} except for NAME
 * @param id the customer id
 */
public record SortKey(long number, @Nullable String text, long id) {

    /** The position of a stored customer in the given order. */
    public static SortKey of(CustomerSort sort, CustomerRecord r) {
        return switch (sort) {
            case UPDATED -> new SortKey(micros(r.updatedAt()), null, r.id());
            case CREATED -> new SortKey(micros(r.createdAt()), null, r.id());
            case INTERACTIONS -> new SortKey(r.totalContacts(), null, r.id());
            case NAME -> new SortKey(0, TextFolding.fold(r.fullName()), r.id());
        };
    }

    /** The list order: the first element comes first in a page. */
    public static Comparator<SortKey> comparator(CustomerSort sort) {
        if (sort == CustomerSort.NAME) {
            return Comparator.comparing((SortKey k) -> Objects.requireNonNull(k.text()))
                    .thenComparingLong(SortKey::id);
        }
        return Comparator.comparingLong(SortKey::number).thenComparingLong(SortKey::id).reversed();
    }

    /** Epoch microseconds of an instant, the precision every store keeps. */
    public static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}
