package dev.crmkit.importer.mapping;

import dev.crmkit.core.customer.CustomerField;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a column's values go: a built-in customer field or a custom field.
 *
 * @param builtIn the built-in field, or {@code null}
 * @param customKey the custom field's key, or {@code null}
 */
public record FieldTarget(@Nullable CustomerField builtIn, @Nullable String customKey) {

    public FieldTarget {
        if ((builtIn == null) == (customKey == null)) {
            throw new IllegalArgumentException("a target is either a built-in or a custom field");
        }
    }

    public static FieldTarget of(CustomerField field) {
        return new FieldTarget(Objects.requireNonNull(field, "field"), null);
    }

    public static FieldTarget custom(String key) {
        return new FieldTarget(null, Objects.requireNonNull(key, "key"));
    }

    /** The key users and reports know the field by: {@code fullName} or the custom key. */
    public String key() {
        return builtIn != null ? builtIn.key() : Objects.requireNonNull(customKey, "customKey");
    }

    @Override
    public String toString() {
        return key();
    }
}
