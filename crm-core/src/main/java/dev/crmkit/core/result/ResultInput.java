package dev.crmkit.core.result;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

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
public record ResultInput(String code, ResultSource source, String phone, String productNo, Instant actionAt,
                          BigDecimal amount, Integer installments, String note) {

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
        private String phone;
        private String productNo;
        private Instant actionAt;
        private BigDecimal amount;
        private Integer installments;
        private String note;

        private Builder(String code, ResultSource source) {
            this.code = code;
            this.source = source;
        }

        public Builder source(ResultSource value) {
            source = value;
            return this;
        }

        /** Applies it to this number of the customer instead of the customer as a whole. */
        public Builder phone(String value) {
            phone = value;
            return this;
        }

        /** Applies it to this product of the customer (a product action). */
        public Builder product(String value) {
            productNo = value;
            return this;
        }

        public Builder actionAt(Instant value) {
            actionAt = value;
            return this;
        }

        public Builder amount(BigDecimal value) {
            amount = value;
            return this;
        }

        public Builder installments(Integer value) {
            installments = value;
            return this;
        }

        public Builder note(String value) {
            note = value;
            return this;
        }

        public ResultInput build() {
            return new ResultInput(code, source, phone, productNo, actionAt, amount, installments, note);
        }
    }
}
