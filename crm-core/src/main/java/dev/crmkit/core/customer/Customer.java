package dev.crmkit.core.customer;

import dev.crmkit.core.phone.PhoneNumber;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A customer as an actor sees it. The national id is always masked here, and custom fields the
 * actor may not see are absent. Immutable.
 *
 * @param id the customer number, assigned by the system
 * @param version increases with every change; pass it back in a {@link CustomerUpdate}
 * @param phone the primary (identity) phone
 * @param phones every number, the primary first, then favourites, then in the order added
 * @param nationalId masked TCKN ({@code *******4146}) or {@code null}
 * @param customFields values by field key: {@code String}, {@code BigDecimal}, {@code LocalDate},
 *     {@code Boolean} or {@code List<String>} according to the field's type
 * @param importJobId the import that created the customer, or {@code null}
 */
public record Customer(
        long id,
        long version,
        CustomerType type,
        String fullName,
        PhoneNumber phone,
        List<CustomerPhone> phones,
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
        Duration totalCallDuration,
        Map<String, Object> customFields,
        @Nullable Long importJobId) {

    public Customer {
        phones = List.copyOf(phones);
        customFields = customFields.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(customFields));
    }

    /**
     * The value of a built-in field as the actor sees it (the national id masked, the phone the
     * primary one), {@code null} while blank: for code that shows or compares every field.
     */
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
}
