package dev.crmkit.core.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a caller gives to create a customer. Values are taken as typed by a user: the service
 * trims, collapses, parses and validates them, and reports every problem at once.
 *
 * <p>Build with {@link #builder(String, String)}; only the name and the phone are required.
 */
public record NewCustomer(
        CustomerType type,
        String fullName,
        String phone,
        String email,
        String company,
        Segment segment,
        CustomerStatus status,
        String fax,
        String address,
        String nationalId,
        String representative,
        String queue,
        String resultCode,
        Instant actionAt,
        String processingStatus,
        BigDecimal totalAmount,
        Instant loadedAt,
        Map<String, Object> customFields,
        Long importJobId) {

    public NewCustomer {
        customFields = customFields.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
    }

    /**
     * A builder for a customer with the given name and phone (as written by a user, such as
     * {@code 0530 123 45 67}).
     */

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
        private CustomerType type;
        private final String fullName;
        private final String phone;
        private String email;
        private String company;
        private Segment segment;
        private CustomerStatus status;
        private String fax;
        private String address;
        private String nationalId;
        private String representative;
        private String queue;
        private String resultCode;
        private Instant actionAt;
        private String processingStatus;
        private BigDecimal totalAmount;
        private Instant loadedAt;
        private final Map<String, Object> customFields = new LinkedHashMap<>();
        private Long importJobId;

        private Builder(String fullName, String phone) {
            this.fullName = fullName;
            this.phone = phone;
        }

        public Builder type(CustomerType type) {
            this.type = once(this.type, type, "type");
            return this;
        }

        public Builder email(String email) {
            this.email = once(this.email, email, "email");
            return this;
        }

        public Builder company(String company) {
            this.company = once(this.company, company, "company");
            return this;
        }

        public Builder segment(Segment segment) {
            this.segment = once(this.segment, segment, "segment");
            return this;
        }

        public Builder status(CustomerStatus status) {
            this.status = once(this.status, status, "status");
            return this;
        }

        public Builder fax(String fax) {
            this.fax = once(this.fax, fax, "fax");
            return this;
        }

        public Builder address(String address) {
            this.address = once(this.address, address, "address");
            return this;
        }

        /** The TCKN, 11 digits; validated with its checksum. */
        public Builder nationalId(String nationalId) {
            this.nationalId = once(this.nationalId, nationalId, "nationalId");
            return this;
        }

        /** The representative's username; it must exist in the tenant's user directory. */
        public Builder representative(String representative) {
            this.representative = once(this.representative, representative, "representative");
            return this;
        }

        public Builder queue(String queue) {
            this.queue = once(this.queue, queue, "queue");
            return this;
        }

        public Builder resultCode(String resultCode) {
            this.resultCode = once(this.resultCode, resultCode, "resultCode");
            return this;
        }

        public Builder actionAt(Instant actionAt) {
            this.actionAt = once(this.actionAt, actionAt, "actionAt");
            return this;
        }

        public Builder processingStatus(String processingStatus) {
            this.processingStatus = once(this.processingStatus, processingStatus, "processingStatus");
            return this;
        }

        public Builder totalAmount(BigDecimal totalAmount) {
            this.totalAmount = once(this.totalAmount, totalAmount, "totalAmount");
            return this;
        }

        public Builder loadedAt(Instant loadedAt) {
            this.loadedAt = once(this.loadedAt, loadedAt, "loadedAt");
            return this;
        }

        public Builder importJobId(long importJobId) {
            this.importJobId = once(this.importJobId, importJobId, "importJobId");
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
            return new NewCustomer(type, fullName, phone, email, company, segment, status, fax, address,
                    nationalId, representative, queue, resultCode, actionAt, processingStatus, totalAmount,
                    loadedAt, customFields, importJobId);
        }

        private static <T> T once(T current, T value, String name) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set");
            }
            return value;
        }
    }
}
