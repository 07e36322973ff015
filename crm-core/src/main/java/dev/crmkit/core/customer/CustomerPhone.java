package dev.crmkit.core.customer;

import dev.crmkit.core.phone.PhoneNumber;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One of a customer's numbers as read.
 *
 * @param number the number
 * @param status how far it can be trusted
 * @param favorite favourites are listed first
 * @param owner whose number it is ("self", "spouse", free text); may be {@code null}
 * @param todayContacts contacts today, in the tenant's time zone
 * @param totalContacts contacts ever
 */
public record CustomerPhone(PhoneNumber number, PhoneStatus status, boolean favorite, @Nullable String owner,
                            int todayContacts, long totalContacts) {
    public CustomerPhone {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(status, "status");
    }
}
