package dev.crmkit.core.customer;

import dev.crmkit.core.phone.PhoneNumber;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
        String email,
        String company,
        Segment segment,
        CustomerStatus status,
        String fax,
        String address,
        String nationalId,
        String representative,
        String previousRepresentative,
        Instant assignedAt,
        String queue,
        String resultCode,
        Instant actionAt,
        String processingStatus,
        BigDecimal totalAmount,
        Instant createdAt,
        Instant loadedAt,
        Instant updatedAt,
        Instant lastContactAt,
        long totalContacts,
        long totalCalls,
        Duration totalCallDuration,
        Map<String, Object> customFields,
        Long importJobId) {

    public Customer {
        phones = List.copyOf(phones);
        customFields = customFields.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(customFields));
    }
}
