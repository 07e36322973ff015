package dev.crmkit.core.spi;

import dev.crmkit.core.customer.PhoneStatus;
import dev.crmkit.core.phone.PhoneNumber;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A stored phone number of a customer.
 *
 * @param number the number
 * @param status its status
 * @param favorite whether it is a favourite
 * @param owner owner label or {@code null}
 * @param contactsOnDay contacts on {@code contactDay}
 * @param contactDay the tenant-local day {@code contactsOnDay} counts, or {@code null}
 * @param totalContacts contacts ever
 */
public record PhoneRecord(PhoneNumber number, PhoneStatus status, boolean favorite, @Nullable String owner, int contactsOnDay,
                          @Nullable LocalDate contactDay, long totalContacts) {
    public PhoneRecord {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(status, "status");
    }

    public static PhoneRecord of(PhoneNumber number, PhoneStatus status, boolean favorite, @Nullable String owner) {
        return new PhoneRecord(number, status, favorite, owner, 0, null, 0);
    }
}
