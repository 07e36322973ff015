package dev.crmkit.core.product;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A customer's product as stored.
 *
 * @param productNo the product number, unique in the tenant
 * @param customerId the customer it belongs to
 * @param fileDate the file date ("Dosya Tarihi"), or {@code null}
 * @param amount the amount, or {@code null}
 * @param status the status as the tenant names them ("Derdest", "Kapanmış"), or {@code null}
 * @param version increases with every change, for optimistic updates
 * @param createdAt when it was added
 * @param updatedAt when it last changed
 */
public record Product(String productNo, long customerId, @Nullable LocalDate fileDate, @Nullable BigDecimal amount, @Nullable String status,
                      long version, Instant createdAt, Instant updatedAt) {

    public Product {
        Objects.requireNonNull(productNo, "productNo");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
