package dev.crmkit.core.spi;

import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.customer.CustomerStatus;
import dev.crmkit.core.customer.CustomerType;
import dev.crmkit.core.customer.NationalId;
import dev.crmkit.core.customer.PhoneStatus;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.phone.PhoneNumber;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The whole stored state of a customer, as core hands it to a store and gets it back. Unlike the
 * read model it holds the national id unmasked and every custom value. Stores keep every component
 * exactly as given (instants have microsecond precision at most).
 *
 * <p>The values of the built-in fields a caller sets ({@link CustomerField}) are held by field, not
 * one component each, so that a store maps them all by walking {@link CustomerField} and a new
 * field needs no change here; {@link #value} reads any of them, and the typed accessors below read
 * the ones core's own rules use.
 *
 * @param id 0 before the store assigned one
 * @param version 1 on creation, increased by every change
 * @param phones at least one; the first is the primary (identity) phone
 * @param fields the value of every built-in field but {@link CustomerField#PHONE} (the phones hold
 *     it), each of its field's {@link CustomerField#valueType() type}; a blank field is absent, and
 *     a field with a {@link CustomerField#defaultValue() default} always present
 * @param totalCallSeconds the summed duration of calls, in seconds
 */
public record CustomerRecord(
        long id,
        long version,
        List<PhoneRecord> phones,
        Map<CustomerField, Object> fields,
        @Nullable String previousRepresentative,
        @Nullable Instant assignedAt,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant lastContactAt,
        long totalContacts,
        long totalCalls,
        long totalCallSeconds,
        Map<String, Object> customFields,
        @Nullable Long importJobId) {

    public CustomerRecord {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        phones = List.copyOf(phones);
        if (phones.isEmpty()) {
            throw new IllegalArgumentException("a customer has at least one phone");
        }
        fields = checked(fields);
        customFields = customFields.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
    }

    private static Map<CustomerField, Object> checked(Map<CustomerField, @Nullable Object> given) {
        EnumMap<CustomerField, Object> out = new EnumMap<>(CustomerField.class);
        for (CustomerField field : CustomerField.values()) {
            Object value = given.get(field);
            if (field == CustomerField.PHONE) {
                if (value != null) {
                    throw new IllegalArgumentException("the phones hold the phone, not the fields");
                }
                continue;
            }
            if (value == null) {
                value = field.defaultValue();
            }
            if (value == null) {
                if (field.required()) {
                    throw new NullPointerException(field.key());
                }
            } else {
                field.checkType(value);
                out.put(field, value);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The primary (identity) phone. */
    public PhoneNumber primaryPhone() {
        return phones.get(0).number();
    }

    /** The stored value of a built-in field, {@code null} while it is blank. */
    public @Nullable Object value(CustomerField field) {
        return field == CustomerField.PHONE ? primaryPhone() : fields.get(field);
    }

    public CustomerType type() {
        return (CustomerType) always(CustomerField.TYPE);
    }

    public String fullName() {
        return (String) always(CustomerField.FULL_NAME);
    }

    public @Nullable String email() {
        return (String) fields.get(CustomerField.EMAIL);
    }

    public @Nullable String company() {
        return (String) fields.get(CustomerField.COMPANY);
    }

    public Segment segment() {
        return (Segment) always(CustomerField.SEGMENT);
    }

    public CustomerStatus status() {
        return (CustomerStatus) always(CustomerField.STATUS);
    }

    public @Nullable String fax() {
        return (String) fields.get(CustomerField.FAX);
    }

    public @Nullable String address() {
        return (String) fields.get(CustomerField.ADDRESS);
    }

    /** The national id, unmasked. */
    public @Nullable String nationalId() {
        return (String) fields.get(CustomerField.NATIONAL_ID);
    }

    public @Nullable String representative() {
        return (String) fields.get(CustomerField.REPRESENTATIVE);
    }

    public @Nullable String queue() {
        return (String) fields.get(CustomerField.QUEUE);
    }

    public @Nullable String resultCode() {
        return (String) fields.get(CustomerField.RESULT_CODE);
    }

    public @Nullable Instant actionAt() {
        return (Instant) fields.get(CustomerField.ACTION_AT);
    }

    public @Nullable String processingStatus() {
        return (String) fields.get(CustomerField.PROCESSING_STATUS);
    }

    public @Nullable BigDecimal totalAmount() {
        return (BigDecimal) fields.get(CustomerField.TOTAL_AMOUNT);
    }

    public @Nullable Instant loadedAt() {
        return (Instant) fields.get(CustomerField.LOADED_AT);
    }

    /** The value of a field the constructor never leaves blank: required or with a default. */
    private Object always(CustomerField field) {
        return Objects.requireNonNull(fields.get(field), field.key());
    }

    /** As records write themselves, with the national id masked. */
    @Override
    public String toString() {
        return NationalId.describeMasked(this);
    }

    /** A builder starting from this record. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder with the given required values and defaults for the rest. */
    public static Builder builder(String fullName, PhoneNumber phone, Instant now) {
        return new Builder(fullName, List.of(PhoneRecord.of(phone, PhoneStatus.ACTIVE, false, null)), now);
    }

    /** Changes components one by one. Not thread-safe. */
    public static final class Builder {
        private long id;
        private long version = 1;
        private List<PhoneRecord> phones;
        private final EnumMap<CustomerField, @Nullable Object> fields = new EnumMap<>(CustomerField.class);
        private @Nullable String previousRepresentative;
        private @Nullable Instant assignedAt;
        private Instant createdAt;
        private Instant updatedAt;
        private @Nullable Instant lastContactAt;
        private long totalContacts;
        private long totalCalls;
        private long totalCallSeconds;
        private Map<String, Object> customFields = Map.of();
        private @Nullable Long importJobId;

        private Builder(String fullName, List<PhoneRecord> phones, Instant now) {
            fields.put(CustomerField.FULL_NAME, fullName);
            this.phones = phones;
            this.createdAt = now;
            this.updatedAt = now;
        }

        private Builder(CustomerRecord r) {
            id = r.id;
            version = r.version;
            phones = r.phones;
            fields.putAll(r.fields);
            previousRepresentative = r.previousRepresentative;
            assignedAt = r.assignedAt;
            createdAt = r.createdAt;
            updatedAt = r.updatedAt;
            lastContactAt = r.lastContactAt;
            totalContacts = r.totalContacts;
            totalCalls = r.totalCalls;
            totalCallSeconds = r.totalCallSeconds;
            customFields = r.customFields;
            importJobId = r.importJobId;
        }

        /**
         * Sets a built-in field by its {@link CustomerField}, as its typed setter does. A {@code
         * null} value is the field's {@link CustomerField#defaultValue() default}. The value's type
         * is checked by {@link #build()}.
         *
         * @throws IllegalArgumentException for {@link CustomerField#PHONE}: the phones are set as a list
         */
        public Builder set(CustomerField field, @Nullable Object value) {
            if (field == CustomerField.PHONE) {
                throw new IllegalArgumentException("the phones are set as a list: phones(...)");
            }
            fields.put(field, value);
            return this;
        }

        public Builder id(long v) { id = v; return this; }
        public Builder version(long v) { version = v; return this; }
        public Builder type(CustomerType v) { return set(CustomerField.TYPE, v); }
        public Builder fullName(String v) { return set(CustomerField.FULL_NAME, v); }
        public Builder phones(List<PhoneRecord> v) { phones = v; return this; }
        public Builder email(@Nullable String v) { return set(CustomerField.EMAIL, v); }
        public Builder company(@Nullable String v) { return set(CustomerField.COMPANY, v); }
        public Builder segment(Segment v) { return set(CustomerField.SEGMENT, v); }
        public Builder status(CustomerStatus v) { return set(CustomerField.STATUS, v); }
        public Builder fax(@Nullable String v) { return set(CustomerField.FAX, v); }
        public Builder address(@Nullable String v) { return set(CustomerField.ADDRESS, v); }
        public Builder nationalId(@Nullable String v) { return set(CustomerField.NATIONAL_ID, v); }
        public Builder representative(@Nullable String v) { return set(CustomerField.REPRESENTATIVE, v); }
        public Builder previousRepresentative(@Nullable String v) { previousRepresentative = v; return this; }
        public Builder assignedAt(@Nullable Instant v) { assignedAt = v; return this; }
        public Builder queue(@Nullable String v) { return set(CustomerField.QUEUE, v); }
        public Builder resultCode(@Nullable String v) { return set(CustomerField.RESULT_CODE, v); }
        public Builder actionAt(@Nullable Instant v) { return set(CustomerField.ACTION_AT, v); }
        public Builder processingStatus(@Nullable String v) { return set(CustomerField.PROCESSING_STATUS, v); }
        public Builder totalAmount(@Nullable BigDecimal v) { return set(CustomerField.TOTAL_AMOUNT, v); }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder loadedAt(@Nullable Instant v) { return set(CustomerField.LOADED_AT, v); }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder lastContactAt(@Nullable Instant v) { lastContactAt = v; return this; }
        public Builder totalContacts(long v) { totalContacts = v; return this; }
        public Builder totalCalls(long v) { totalCalls = v; return this; }
        public Builder totalCallSeconds(long v) { totalCallSeconds = v; return this; }
        public Builder customFields(Map<String, Object> v) { customFields = v; return this; }
        public Builder importJobId(@Nullable Long v) { importJobId = v; return this; }

        public CustomerRecord build() {
            return new CustomerRecord(id, version, phones, fields, previousRepresentative, assignedAt, createdAt,
                    updatedAt, lastContactAt, totalContacts, totalCalls, totalCallSeconds, customFields, importJobId);
        }
    }
}
