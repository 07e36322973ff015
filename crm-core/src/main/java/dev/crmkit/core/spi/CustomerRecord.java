package dev.crmkit.core.spi;

import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.customer.NationalId;
import dev.crmkit.core.customer.CustomerStatus;
import dev.crmkit.core.customer.CustomerType;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.phone.PhoneNumber;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
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
 * @param id 0 before the store assigned one
 * @param version 1 on creation, increased by every change
 * @param phones at least one; the first is the primary (identity) phone
 * @param totalCallSeconds the summed duration of calls, in seconds
 */
public record CustomerRecord(
        long id,
        long version,
        CustomerType type,
        String fullName,
        List<PhoneRecord> phones,
        @Nullable String email,
        @Nullable String company,
        Segment segment,
        CustomerStatus status,
        @Nullable String fax,
        @Nullable String address,
        @Nullable String nationalId,
        @Nullable String representative,
        @Nullable String previousRepresentative,
        @Nullable Instant assignedAt,
        @Nullable String queue,
        @Nullable String resultCode,
        @Nullable Instant actionAt,
        @Nullable String processingStatus,
        @Nullable BigDecimal totalAmount,
        Instant createdAt,
        @Nullable Instant loadedAt,
        Instant updatedAt,
        @Nullable Instant lastContactAt,
        long totalContacts,
        long totalCalls,
        long totalCallSeconds,
        Map<String, Object> customFields,
        @Nullable Long importJobId) {

    public CustomerRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        phones = List.copyOf(phones);
        if (phones.isEmpty()) {
            throw new IllegalArgumentException("a customer has at least one phone");
        }
        customFields = customFields.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
    }

    /** The primary (identity) phone. */
    public PhoneNumber primaryPhone() {
        return phones.get(0).number();
    }

    /** The stored value of a built-in field: the one place that maps {@link CustomerField}s to components. */
    public @Nullable Object value(CustomerField field) {
        return switch (field) {
            case TYPE -> type;
            case FULL_NAME -> fullName;
            case PHONE -> primaryPhone();
            case EMAIL -> email;
            case COMPANY -> company;
            case SEGMENT -> segment;
            case STATUS -> status;
            case FAX -> fax;
            case ADDRESS -> address;
            case NATIONAL_ID -> nationalId;
            case REPRESENTATIVE -> representative;
            case QUEUE -> queue;
            case RESULT_CODE -> resultCode;
            case ACTION_AT -> actionAt;
            case PROCESSING_STATUS -> processingStatus;
            case TOTAL_AMOUNT -> totalAmount;
            case LOADED_AT -> loadedAt;
        };
    }

    /** A builder starting from this record. */

    /** As records write themselves, with the national id masked. */
    @Override
    public String toString() {
        return NationalId.describeMasked(this);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder with the given required values and defaults for the rest. */
    public static Builder builder(String fullName, PhoneNumber phone, Instant now) {
        return new Builder(fullName,
                List.of(PhoneRecord.of(phone, dev.crmkit.core.customer.PhoneStatus.ACTIVE, false, null)), now);
    }

    /** Changes components one by one. Not thread-safe. */
    public static final class Builder {
        private long id;
        private long version = 1;
        private CustomerType type = CustomerType.PERSON;
        private String fullName;
        private List<PhoneRecord> phones;
        private @Nullable String email;
        private @Nullable String company;
        private Segment segment = Segment.NORMAL;
        private CustomerStatus status = CustomerStatus.ACTIVE;
        private @Nullable String fax;
        private @Nullable String address;
        private @Nullable String nationalId;
        private @Nullable String representative;
        private @Nullable String previousRepresentative;
        private @Nullable Instant assignedAt;
        private @Nullable String queue;
        private @Nullable String resultCode;
        private @Nullable Instant actionAt;
        private @Nullable String processingStatus;
        private @Nullable BigDecimal totalAmount;
        private Instant createdAt;
        private @Nullable Instant loadedAt;
        private Instant updatedAt;
        private @Nullable Instant lastContactAt;
        private long totalContacts;
        private long totalCalls;
        private long totalCallSeconds;
        private Map<String, Object> customFields = Map.of();
        private @Nullable Long importJobId;

        private Builder(String fullName, List<PhoneRecord> phones, Instant now) {
            this.fullName = fullName;
            this.phones = phones;
            this.createdAt = now;
            this.updatedAt = now;
        }

        private Builder(CustomerRecord r) {
            id = r.id;
            version = r.version;
            type = r.type;
            fullName = r.fullName;
            phones = r.phones;
            email = r.email;
            company = r.company;
            segment = r.segment;
            status = r.status;
            fax = r.fax;
            address = r.address;
            nationalId = r.nationalId;
            representative = r.representative;
            previousRepresentative = r.previousRepresentative;
            assignedAt = r.assignedAt;
            queue = r.queue;
            resultCode = r.resultCode;
            actionAt = r.actionAt;
            processingStatus = r.processingStatus;
            totalAmount = r.totalAmount;
            createdAt = r.createdAt;
            loadedAt = r.loadedAt;
            updatedAt = r.updatedAt;
            lastContactAt = r.lastContactAt;
            totalContacts = r.totalContacts;
            totalCalls = r.totalCalls;
            totalCallSeconds = r.totalCallSeconds;
            customFields = r.customFields;
            importJobId = r.importJobId;
        }

        /**
         * Sets a built-in field by its {@link CustomerField}: the one place that maps fields to
         * components for writing, as {@link CustomerRecord#value} does for reading. A {@code null}
         * value is the field's {@link CustomerField#defaultValue() default}.
         *
         * @throws IllegalArgumentException for {@link CustomerField#PHONE}: the phones are set as a list
         * @throws ClassCastException if the value is not of the field's {@link CustomerField#valueType()}
         */
        public Builder set(CustomerField field, @Nullable Object value) {
            Object v = value == null ? field.defaultValue() : value;
            return switch (field) {
                case TYPE -> type((CustomerType) java.util.Objects.requireNonNull(v));
                case FULL_NAME -> fullName((String) java.util.Objects.requireNonNull(v, "fullName"));
                case PHONE -> throw new IllegalArgumentException("the phones are set as a list: phones(...)");
                case EMAIL -> email((String) v);
                case COMPANY -> company((String) v);
                case SEGMENT -> segment((Segment) java.util.Objects.requireNonNull(v));
                case STATUS -> status((CustomerStatus) java.util.Objects.requireNonNull(v));
                case FAX -> fax((String) v);
                case ADDRESS -> address((String) v);
                case NATIONAL_ID -> nationalId((String) v);
                case REPRESENTATIVE -> representative((String) v);
                case QUEUE -> queue((String) v);
                case RESULT_CODE -> resultCode((String) v);
                case ACTION_AT -> actionAt((Instant) v);
                case PROCESSING_STATUS -> processingStatus((String) v);
                case TOTAL_AMOUNT -> totalAmount((BigDecimal) v);
                case LOADED_AT -> loadedAt((Instant) v);
            };
        }

        public Builder id(long v) { id = v; return this; }
        public Builder version(long v) { version = v; return this; }
        public Builder type(CustomerType v) { type = v; return this; }
        public Builder fullName(String v) { fullName = v; return this; }
        public Builder phones(List<PhoneRecord> v) { phones = v; return this; }
        public Builder email(@Nullable String v) { email = v; return this; }
        public Builder company(@Nullable String v) { company = v; return this; }
        public Builder segment(Segment v) { segment = v; return this; }
        public Builder status(CustomerStatus v) { status = v; return this; }
        public Builder fax(@Nullable String v) { fax = v; return this; }
        public Builder address(@Nullable String v) { address = v; return this; }
        public Builder nationalId(@Nullable String v) { nationalId = v; return this; }
        public Builder representative(@Nullable String v) { representative = v; return this; }
        public Builder previousRepresentative(@Nullable String v) { previousRepresentative = v; return this; }
        public Builder assignedAt(@Nullable Instant v) { assignedAt = v; return this; }
        public Builder queue(@Nullable String v) { queue = v; return this; }
        public Builder resultCode(@Nullable String v) { resultCode = v; return this; }
        public Builder actionAt(@Nullable Instant v) { actionAt = v; return this; }
        public Builder processingStatus(@Nullable String v) { processingStatus = v; return this; }
        public Builder totalAmount(@Nullable BigDecimal v) { totalAmount = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder loadedAt(@Nullable Instant v) { loadedAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder lastContactAt(@Nullable Instant v) { lastContactAt = v; return this; }
        public Builder totalContacts(long v) { totalContacts = v; return this; }
        public Builder totalCalls(long v) { totalCalls = v; return this; }
        public Builder totalCallSeconds(long v) { totalCallSeconds = v; return this; }
        public Builder customFields(Map<String, Object> v) { customFields = v; return this; }
        public Builder importJobId(@Nullable Long v) { importJobId = v; return this; }

        public CustomerRecord build() {
            return new CustomerRecord(id, version, type, fullName, phones, email, company, segment, status, fax,
                    address, nationalId, representative, previousRepresentative, assignedAt, queue, resultCode,
                    actionAt, processingStatus, totalAmount, createdAt, loadedAt, updatedAt, lastContactAt,
                    totalContacts, totalCalls, totalCallSeconds, customFields, importJobId);
        }
    }
}
