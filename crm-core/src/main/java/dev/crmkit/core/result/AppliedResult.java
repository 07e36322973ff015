package dev.crmkit.core.result;

import dev.crmkit.core.phone.PhoneNumber;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A result code as it was applied and stored.
 *
 * @param id assigned by the store, increasing in the tenant
 * @param customerId the customer
 * @param code the result code
 * @param target what it was applied to
 * @param phone the number for {@link ResultTarget#PHONE}, otherwise {@code null}
 * @param productNo the product number for {@link ResultTarget#PRODUCT}, otherwise {@code null}
 * @param source SYSTEM or MANUAL
 * @param actionAt the action date given, or {@code null}
 * @param amount the amount given, or {@code null}
 * @param installments the installment count given, or {@code null}
 * @param note the note given, or {@code null}
 * @param actorId who applied it
 * @param at when
 */
public record AppliedResult(long id, long customerId, String code, ResultTarget target, @Nullable PhoneNumber phone,
                            @Nullable String productNo, ResultSource source, @Nullable Instant actionAt, @Nullable BigDecimal amount, @Nullable Integer installments,
                            @Nullable String note, String actorId, Instant at) {

    public AppliedResult {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(at, "at");
    }

    /** The same with the id the store assigned. */
    public AppliedResult withId(long newId) {
        return new AppliedResult(newId, customerId, code, target, phone, productNo, source, actionAt, amount, installments, note,
                actorId, at);
    }
}
