package dev.crmkit.core.activity;

import java.util.Objects;

/**
 * One field changed by a LOG activity. Values are shown as text; a national id is masked.
 *
 * @param field the built-in field key ({@code fullName}) or the custom field key
 * @param oldValue the value before, {@code null} if it was empty
 * @param newValue the value after, {@code null} if it is now empty
 */
public record FieldChange(String field, String oldValue, String newValue) {

    /** The field name of changes to a customer's list of phone numbers. */
    public static final String PHONES = "phones";

    public FieldChange {
        Objects.requireNonNull(field, "field");
    }
}
