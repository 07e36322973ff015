package dev.crmkit.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An organization ("kurum"). Every record belongs to exactly one tenant.
 *
 * @param value 1..64 characters of letters, digits, {@code . _ -}
 */
public record TenantId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public TenantId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("a tenant id is 1..64 letters, digits, '.', '_' or '-': " + value);
        }
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
