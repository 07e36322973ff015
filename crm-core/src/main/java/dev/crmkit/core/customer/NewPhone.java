package dev.crmkit.core.customer;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A number to add to a customer.
 *
 * @param number as written by a user; parsed in the default region
 * @param status {@link PhoneStatus#ACTIVE} if {@code null}
 * @param favorite whether it is listed first
 * @param owner whose number it is, or {@code null}
 */
public record NewPhone(String number, PhoneStatus status, boolean favorite, @Nullable String owner) {

    public NewPhone {
        Objects.requireNonNull(number, "number");
        status = status == null ? PhoneStatus.ACTIVE : status;
    }

    public static NewPhone of(String number) {
        return new NewPhone(number, PhoneStatus.ACTIVE, false, null);
    }
}
