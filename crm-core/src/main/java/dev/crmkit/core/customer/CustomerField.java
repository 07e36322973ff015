package dev.crmkit.core.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The built-in customer fields a caller can set. Built-in fields cannot be deleted, only left
 * blank; {@link #PHONE} is the identity key and cannot be changed once set.
 */
public enum CustomerField {
    TYPE("type", CustomerType.class),
    FULL_NAME("fullName", String.class),
    PHONE("phone", String.class),
    EMAIL("email", String.class),
    COMPANY("company", String.class),
    SEGMENT("segment", Segment.class),
    STATUS("status", CustomerStatus.class),
    FAX("fax", String.class),
    ADDRESS("address", String.class),
    NATIONAL_ID("nationalId", String.class),
    REPRESENTATIVE("representative", String.class),
    QUEUE("queue", String.class),
    RESULT_CODE("resultCode", String.class),
    ACTION_AT("actionAt", Instant.class),
    PROCESSING_STATUS("processingStatus", String.class),
    TOTAL_AMOUNT("totalAmount", BigDecimal.class),
    LOADED_AT("loadedAt", Instant.class);

    private final String key;
    private final Class<?> valueType;

    CustomerField(String key, Class<?> valueType) {
        this.key = key;
        this.valueType = valueType;
    }

    /** The field's name in activities, templates and JSON: {@code fullName}. */
    public String key() {
        return key;
    }

    /** The Java type of the field's value. */
    public Class<?> valueType() {
        return valueType;
    }

    /**
     * The value a customer has while the field is blank: {@link CustomerType#PERSON}, {@link
     * Segment#NORMAL} and {@link CustomerStatus#ACTIVE} for the three enum fields, else {@code null}.
     */
    public @Nullable Object defaultValue() {
        return switch (this) {
            case TYPE -> CustomerType.PERSON;
            case SEGMENT -> Segment.NORMAL;
            case STATUS -> CustomerStatus.ACTIVE;
            default -> null;
        };
    }

    /** Whether a field must have a value. */
    public boolean required() {
        return this == FULL_NAME || this == PHONE;
    }

    /**
     * Checks a value given for the field: the one type rule the builders and the stored record
     * share.
     *
     * @throws IllegalArgumentException if it is not of the field's {@link #valueType()}
     */
    public void checkType(@Nullable Object value) {
        if (value != null && !valueType.isInstance(value)) {
            throw new IllegalArgumentException(key + " takes a " + valueType.getSimpleName() + ", not a "
                    + value.getClass().getSimpleName());
        }
    }

    /** The field with the given key, compared ignoring case. */
    public static Optional<CustomerField> byKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (CustomerField f : values()) {
            if (f.key.toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
