package dev.crmkit.core.spi;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an import did to one customer, kept so the import can be undone.
 *
 * @param customerId the customer
 * @param created true if the import created it, false if it updated it
 * @param versionAfter the customer's version right after the import's change; undo leaves the
 *     customer alone if it has moved on since
 * @param before the customer as it was before an update; {@code null} for a creation
 */
public record ImportChange(long customerId, boolean created, long versionAfter, @Nullable CustomerRecord before) {
    public ImportChange {
        if (created != (before == null)) {
            throw new IllegalArgumentException("a creation has no before-image and an update has one");
        }
        if (!created) {
            Objects.requireNonNull(before, "before");
        }
    }
}
