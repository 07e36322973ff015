package dev.crmkit.core.customer;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A change to one customer: only the fields named here change; a field set to {@code null} is
 * cleared. The update applies only if the customer is still at {@code expectedVersion}; otherwise
 * it fails with {@code VERSION_CONFLICT} and changes nothing.
 *
 * @param customerId the customer to change
 * @param expectedVersion the version the caller read
 * @param fields new values of built-in fields ({@code null} clears)
 * @param customFields new custom field values by key ({@code null} clears)
 */
public record CustomerUpdate(long customerId, long expectedVersion, Map<CustomerField, @Nullable Object> fields,
                             Map<String, @Nullable Object> customFields) {

    public CustomerUpdate {
        EnumMap<CustomerField, Object> copy = new EnumMap<>(CustomerField.class);
        copy.putAll(fields);
        fields = Collections.unmodifiableMap(copy);
        customFields = Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
        for (Map.Entry<CustomerField, Object> e : fields.entrySet()) {
            e.getKey().checkType(e.getValue());
        }
    }

    /** As records write themselves, with a new national id masked. */
    @Override
    public String toString() {
        Map<CustomerField, Object> shown = new EnumMap<>(CustomerField.class);
        shown.putAll(fields);
        shown.computeIfPresent(CustomerField.NATIONAL_ID, (k, v) -> v instanceof String id ? NationalId.mask(id) : v);
        return "CustomerUpdate[customerId=" + customerId + ", expectedVersion=" + expectedVersion + ", fields=" + shown
                + ", customFields=" + customFields + "]";
    }

    /** A builder for a change to the customer read at {@code expectedVersion}. */
    public static Builder of(long customerId, long expectedVersion) {
        return new Builder(customerId, expectedVersion);
    }

    /** A builder for a change to the given customer at the version it was read. */
    public static Builder of(Customer customer) {
        return new Builder(customer.id(), customer.version());
    }

    /** Whether the update names the field, and so sets or clears it. */
    public boolean touches(CustomerField field) {
        return fields.containsKey(field);
    }

    /** The value the update gives the field, empty if it clears it or does not touch it. */
    public Optional<Object> value(CustomerField field) {
        return Optional.ofNullable(fields.get(field));
    }

    /** Collects the changes. Not thread-safe. */
    public static final class Builder implements CustomerFieldSetters<Builder> {
        private final long customerId;
        private final long expectedVersion;
        private final Map<CustomerField, @Nullable Object> fields = new EnumMap<>(CustomerField.class);
        private final Map<String, @Nullable Object> customFields = new LinkedHashMap<>();

        private Builder(long customerId, long expectedVersion) {
            this.customerId = customerId;
            this.expectedVersion = expectedVersion;
        }

        /** Sets a built-in field; {@code null} clears it. */
        @Override
        public Builder set(CustomerField field, @Nullable Object value) {
            Objects.requireNonNull(field, "field");
            field.checkType(value);
            if (fields.containsKey(field)) {
                throw new IllegalStateException(field.key() + " was already set");
            }
            fields.put(field, value);
            return this;
        }

        /** Clears a built-in field (name and phone cannot be cleared). */
        public Builder clear(CustomerField field) {
            return set(field, null);
        }

        public Builder fullName(String fullName) {
            return set(CustomerField.FULL_NAME, fullName);
        }

        /** Sets a custom field by key; {@code null} clears it. */
        public Builder customField(String key, @Nullable Object value) {
            Objects.requireNonNull(key, "key");
            if (customFields.containsKey(key)) {
                throw new IllegalStateException("custom field " + key + " was already set");
            }
            customFields.put(key, value);
            return this;
        }

        public CustomerUpdate build() {
            return new CustomerUpdate(customerId, expectedVersion, fields, customFields);
        }
    }
}
