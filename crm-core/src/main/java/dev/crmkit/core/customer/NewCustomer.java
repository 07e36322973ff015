package dev.crmkit.core.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a caller gives to create a customer. Values are taken as typed by a user: the service
 * trims, collapses, parses and validates them, and reports every problem at once.
 *
 * <p>Build with {@link #builder(String, String)}; only the name and the phone are required.
 */
public record NewCustomer(
        @Nullable CustomerType type,
        @Nullable String fullName,
        @Nullable String phone,
        @Nullable String email,
        @Nullable String company,
        @Nullable Segment segment,
        @Nullable CustomerStatus status,
        @Nullable String fax,
        @Nullable String address,
        @Nullable String nationalId,
        @Nullable String representative,
        @Nullable String queue,
        @Nullable String resultCode,
        @Nullable Instant actionAt,
        @Nullable String processingStatus,
        @Nullable BigDecimal totalAmount,
        @Nullable Instant loadedAt,
        Map<String, Object> customFields,
        @Nullable Long importJobId) {

    public NewCustomer {
        customFields = customFields.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
    }

    /**
     * A builder for a customer with the given name and phone (as written by a user, such as
     * {@code 0530 123 45 67}).
     */

    /** The given value of a built-in field, as written: the one place that maps fields to components. */
    public @Nullable Object value(CustomerField field) {
        return switch (field) {
            case TYPE -> type;
            case FULL_NAME -> fullName;
            case PHONE -> phone;
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

    /** As records write themselves, with the national id masked. */
    @Override
    public String toString() {
        return NationalId.describeMasked(this);
    }

    public static Builder builder(String fullName, String phone) {
        return new Builder(fullName, phone);
    }

    /** Collects the optional values; every setter may be called once. Not thread-safe. */
    public static final class Builder {
        private @Nullable CustomerType type;
        private final String fullName;
        private final String phone;
        private @Nullable String email;
        private @Nullable String company;
        private @Nullable Segment segment;
        private @Nullable CustomerStatus status;
        private @Nullable String fax;
        private @Nullable String address;
        private @Nullable String nationalId;
        private @Nullable String representative;
        private @Nullable String queue;
        private @Nullable String resultCode;
        private @Nullable Instant actionAt;
        private @Nullable String processingStatus;
        private @Nullable BigDecimal totalAmount;
        private @Nullable Instant loadedAt;
        private final Map<String, Object> customFields = new LinkedHashMap<>();
        private @Nullable Long importJobId;

        private Builder(String fullName, String phone) {
            this.fullName = fullName;
            this.phone = phone;
        }

        public Builder type(@Nullable CustomerType type) {
            this.type = once(this.type, type, "type");
            return this;
        }

        public Builder email(@Nullable String email) {
            this.email = once(this.email, email, "email");
            return this;
        }

        public Builder company(@Nullable String company) {
            this.company = once(this.company, company, "company");
            return this;
        }

        public Builder segment(@Nullable Segment segment) {
            this.segment = once(this.segment, segment, "segment");
            return this;
        }

        public Builder status(@Nullable CustomerStatus status) {
            this.status = once(this.status, status, "status");
            return this;
        }

        public Builder fax(@Nullable String fax) {
            this.fax = once(this.fax, fax, "fax");
            return this;
        }

        public Builder address(@Nullable String address) {
            this.address = once(this.address, address, "address");
            return this;
        }

        /** The TCKN, 11 digits; validated with its checksum. */
        public Builder nationalId(@Nullable String nationalId) {
            this.nationalId = once(this.nationalId, nationalId, "nationalId");
            return this;
        }

        /** The representative's username; it must exist in the tenant's user directory. */
        public Builder representative(@Nullable String representative) {
            this.representative = once(this.representative, representative, "representative");
            return this;
        }

        public Builder queue(@Nullable String queue) {
            this.queue = once(this.queue, queue, "queue");
            return this;
        }

        public Builder resultCode(@Nullable String resultCode) {
            this.resultCode = once(this.resultCode, resultCode, "resultCode");
            return this;
        }

        public Builder actionAt(@Nullable Instant actionAt) {
            this.actionAt = once(this.actionAt, actionAt, "actionAt");
            return this;
        }

        public Builder processingStatus(@Nullable String processingStatus) {
            this.processingStatus = once(this.processingStatus, processingStatus, "processingStatus");
            return this;
        }

        public Builder totalAmount(@Nullable BigDecimal totalAmount) {
            this.totalAmount = once(this.totalAmount, totalAmount, "totalAmount");
            return this;
        }

        public Builder loadedAt(@Nullable Instant loadedAt) {
            this.loadedAt = once(this.loadedAt, loadedAt, "loadedAt");
            return this;
        }

        public Builder importJobId(long importJobId) {
            this.importJobId = once(this.importJobId, importJobId, "importJobId");
            return this;
        }

        /**
         * Sets a built-in field other than the name and phone (given to {@link #builder}) by its
         * {@link CustomerField}, as its own setter does.
         *
         * @throws IllegalArgumentException for the name or the phone
         * @throws ClassCastException if the value is not of the field's {@link CustomerField#valueType()}
         */
        public Builder set(CustomerField field, @Nullable Object value) {
            return switch (field) {
                case FULL_NAME, PHONE -> throw new IllegalArgumentException(field.key() + " is given to builder(...)");
                case TYPE -> type((CustomerType) value);
                case EMAIL -> email((String) value);
                case COMPANY -> company((String) value);
                case SEGMENT -> segment((Segment) value);
                case STATUS -> status((CustomerStatus) value);
                case FAX -> fax((String) value);
                case ADDRESS -> address((String) value);
                case NATIONAL_ID -> nationalId((String) value);
                case REPRESENTATIVE -> representative((String) value);
                case QUEUE -> queue((String) value);
                case RESULT_CODE -> resultCode((String) value);
                case ACTION_AT -> actionAt((Instant) value);
                case PROCESSING_STATUS -> processingStatus((String) value);
                case TOTAL_AMOUNT -> totalAmount((BigDecimal) value);
                case LOADED_AT -> loadedAt((Instant) value);
            };
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
            return new NewCustomer(type, fullName, phone, email, company, segment, status, fax, address,
                    nationalId, representative, queue, resultCode, actionAt, processingStatus, totalAmount,
                    loadedAt, customFields, importJobId);
        }

        private static <T> @Nullable T once(@Nullable T current, @Nullable T value, String name) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set");
            }
            return value;
        }
    }
}
