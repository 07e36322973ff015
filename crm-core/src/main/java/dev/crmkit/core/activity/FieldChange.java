package dev.crmkit.core.activity;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One field changed by a LOG activity. Values are shown as text; a national id is masked.
 *
 * @param field the built-in field key ({@code fullName}) or the custom field key
 * @param oldValue the value before, {@code null} if it was empty
 * @param newValue the value after, {@code null} if it is now empty
 */
public record FieldChange(String field, @Nullable String oldValue, @Nullable String newValue) {

    /** The field name of changes to a customer's list of phone numbers. */
    public static final String PHONES = "phones";

    /** The field name of a product added (new value) or removed (old value): its product number. */
    public static final String PRODUCTS = "products";

    /** The prefix of changes to a product's own fields: {@code product.amount}, {@code product.status}. */
    public static final String PRODUCT_PREFIX = "product.";

    /**
     * Whether the change is to the customer's numbers or products; never a custom field, whose keys
     * cannot take these names.
     */
    public boolean concernsPhonesOrProducts() {
        return field.equals(PHONES) || field.equals(PRODUCTS) || field.startsWith(PRODUCT_PREFIX);
    }

    public FieldChange {
        Objects.requireNonNull(field, "field");
    }
}
