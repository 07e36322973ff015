package dev.crmkit.core.result;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One application of a result code, as an agent or a dialer gives it. Build with {@link #builder}.
 *
 * @param code the result code
 * @param source SYSTEM or MANUAL
 * @param phone the number it is about (any spelling the customer's numbers parse from), or
 *     {@code null}
 * @param productNo the customer's product it is about, or {@code null}; with neither a phone nor a
 *     product it is about the customer as a whole
 * @param actionAt the action date, or {@code null}
 * @param amount the amount, or {@code null}
 * @param installments the installment count, or {@code null}
 * @param note the note, or {@code null}
 */
public record ResultInput(String code, ResultSource source, @Nullable String phone, @Nullable String productNo, @Nullable Instant actionAt,
                          @Nullable BigDecimal amount, @Nullable Integer installments, @Nullable String note) {

    public ResultInput {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(source, "source");
        if (dev.crmkit.core.text.TextFolding.hasNul(note)) {
            throw new dev.crmkit.core.CrmValidationException(dev.crmkit.core.ErrorCode.VALUE_INVALID,
                    dev.crmkit.core.text.TextFolding.nulMessage("note"));
        }
    }

    public static Builder builder(String code, ResultSource source) {
        return new Builder(code, source);
    }

    /** What it is applied to: the product or the phone named, otherwise the customer. */
    public ResultTarget target() {
        if (productNo != null) {
            return ResultTarget.PRODUCT;
        }
        return phone == null ? ResultTarget.CUSTOMER : ResultTarget.PHONE;
    }

    public static final class Builder {
        private final String code;
        private ResultSource source;
        private @Nullable String phone;
        private @Nullable String productNo;
        private @Nullable Instant actionAt;
        private @Nullable BigDecimal amount;
        private @Nullable Integer installments;
        private @Nullable String note;

        private Builder(String code, ResultSource source) {
            this.code = code;
            this.source = source;
        }

        public Builder source(ResultSource value) {
            source = value;
            return this;
        }

        /** Applies it to this number of the customer instead of the customer as a whole. */
        public Builder phone(@Nullable String value) {
            phone = value;
            return this;
        }

        /** Applies it to this product of the customer (a product action). */
        public Builder product(String value) {
            productNo = value;
            return this;
        }

        public Builder actionAt(@Nullable Instant value) {
            actionAt = value;
            return this;
        }

        public Builder amount(@Nullable BigDecimal value) {
            amount = value;
            return this;
        }

        public Builder installments(@Nullable Integer value) {
            installments = value;
            return this;
        }

        public Builder note(@Nullable String value) {
            note = value;
            return this;
        }

        public ResultInput build() {
            return new ResultInput(code, source, phone, productNo, actionAt, amount, installments, note);
        }
    }
}
