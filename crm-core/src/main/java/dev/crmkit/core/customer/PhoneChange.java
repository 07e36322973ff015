package dev.crmkit.core.customer;

import org.jspecify.annotations.Nullable;

/**
 * A change to one of a customer's numbers; {@code null} components stay as they are. To clear
 * the owner label, pass an empty string.
 */
public record PhoneChange(@Nullable PhoneStatus status, @Nullable Boolean favorite, @Nullable String owner) {

    public static PhoneChange status(PhoneStatus status) {
        return new PhoneChange(status, null, null);
    }

    public static PhoneChange favorite(boolean favorite) {
        return new PhoneChange(null, favorite, null);
    }

    public static PhoneChange owner(String owner) {
        return new PhoneChange(null, null, owner);
    }
}
