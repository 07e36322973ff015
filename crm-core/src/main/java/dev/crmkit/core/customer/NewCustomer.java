package dev.crmkit.core.customer;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a caller gives to create a customer. Values are taken as typed by a user: the service
 * trims, collapses, parses and validates them, and reports every problem at once.
 *
 * <p>Build with {@link #builder(String, String)}; only the name and the phone are required. The
 * built-in fields are held by {@link CustomerField}, as in a {@link CustomerUpdate}, so a new field
 * needs no change here: {@link #value} reads any of them; the name and the phone, which every new
 * customer needs, have accessors of their own.
 *
 * @param fields the given value of each built-in field, as written (the phone as text); a field not
 *     given is absent
 * @param customFields custom field values by key, checked against their definitions on create
 * @param importJobId the import creating the customer, or {@code null}
 */
public record NewCustomer(Map<CustomerField, Object> fields, Map<String, Object> customFields,
                          @Nullable Long importJobId) {

    public NewCustomer {
        EnumMap<CustomerField, Object> copy = new EnumMap<>(CustomerField.class);
        fields.forEach((field, value) -> {
            if (value != null) {
                field.checkType(value);
                copy.put(field, value);
            }
        });
        fields = Collections.unmodifiableMap(copy);
        customFields = customFields.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
    }

    /** The given value of a built-in field, as written; {@code null} if not given. */
    public @Nullable Object value(CustomerField field) {
        return fields.get(field);
    }

    public @Nullable String fullName() {
        return (String) fields.get(CustomerField.FULL_NAME);
    }

    /** The phone as written, such as {@code 0530 123 45 67}. */
    public @Nullable String phone() {
        return (String) fields.get(CustomerField.PHONE);
    }

    /** As records write themselves, with the national id masked. */
    @Override
    public String toString() {
        return NationalId.describeMasked(this);
    }

    /**
     * A builder for a customer with the given name and phone (as written by a user, such as
     * {@code 0530 123 45 67}).
     */
    public static Builder builder(@Nullable String fullName, @Nullable String phone) {
        return new Builder(fullName, phone);
    }

    /** Collects the optional values; every setter may be called once. Not thread-safe. */
    public static final class Builder implements CustomerFieldSetters<Builder> {
        private final Map<CustomerField, Object> fields = new EnumMap<>(CustomerField.class);
        private final Map<String, Object> customFields = new LinkedHashMap<>();
        private @Nullable Long importJobId;

        private Builder(@Nullable String fullName, @Nullable String phone) {
            if (fullName != null) {
                fields.put(CustomerField.FULL_NAME, fullName);
            }
            if (phone != null) {
                fields.put(CustomerField.PHONE, phone);
            }
        }

        /**
         * Sets a built-in field other than the name and phone (given to {@link #builder});
         * {@code null} leaves it blank.
         *
         * @throws IllegalArgumentException for the name or the phone, or a value not of the
         *     field's {@link CustomerField#valueType()}
         */
        @Override
        public Builder set(CustomerField field, @Nullable Object value) {
            if (field == CustomerField.FULL_NAME || field == CustomerField.PHONE) {
                throw new IllegalArgumentException(field.key() + " is given to builder(...)");
            }
            field.checkType(value);
            if (fields.containsKey(field)) {
                throw new IllegalStateException(field.key() + " was already set");
            }
            if (value != null) {
                fields.put(field, value);
            }
            return this;
        }

        public Builder importJobId(long importJobId) {
            if (this.importJobId != null) {
                throw new IllegalStateException("importJobId was already set");
            }
            this.importJobId = importJobId;
            return this;
        }

        /** A custom field value, by the field's key; checked against its definition on create. */
        public Builder customField(String key, Object value) {
            Objects.requireNonNull(key, "key");
            if (customFields.putIfAbsent(key, value) != null) {
                throw new IllegalStateException("custom field " + key + " was already set");
            }
            return this;
        }

        public NewCustomer build() {
            return new NewCustomer(fields, customFields, importJobId);
        }
    }
}
