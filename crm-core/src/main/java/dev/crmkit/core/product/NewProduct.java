package dev.crmkit.core.product;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.CrmValidationException.Violation;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.text.TextFolding;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A product's values as given, to add one or to replace a stored one's; checked on construction,
 * every problem reported at once. Build with {@link #builder}.
 *
 * @param productNo 1 to 64 characters, trimmed, no line breaks
 * @param fileDate the file date, or {@code null}
 * @param amount not negative, or {@code null}
 * @param status at most 100 characters, trimmed (blank is none), or {@code null}
 */
public record NewProduct(String productNo, @Nullable LocalDate fileDate, @Nullable BigDecimal amount, @Nullable String status) {

    public static final int MAX_PRODUCT_NO = 64;
    public static final int MAX_STATUS = 100;

    public NewProduct {
        List<Violation> problems = new ArrayList<>();
        productNo = productNo == null ? "" : TextFolding.trim(productNo);
        if (productNo.isEmpty()) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "productNo", "a product number is required"));
        } else if (productNo.length() > MAX_PRODUCT_NO) {
            problems.add(new Violation(ErrorCode.VALUE_TOO_LONG, "productNo",
                    "a product number has at most " + MAX_PRODUCT_NO + " characters"));
        } else if (productNo.indexOf('\n') >= 0 || productNo.indexOf('\r') >= 0) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "productNo", "a product number is one line"));
        }
        if (amount != null && amount.signum() < 0) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "amount", "an amount is not negative: " + amount));
        }
        status = status == null || TextFolding.isBlank(status) ? null : TextFolding.trim(status);
        if (status != null && status.length() > MAX_STATUS) {
            problems.add(new Violation(ErrorCode.VALUE_TOO_LONG, "status",
                    "a status has at most " + MAX_STATUS + " characters"));
        }
        TextFolding.refuseNul(problems, "productNo", productNo, "status", status);
        if (!problems.isEmpty()) {
            throw new CrmValidationException(problems);
        }
    }

    public static Builder builder(String productNo) {
        return new Builder(productNo);
    }

    /** The values of a stored product, to change some of them and replace it. */
    public static Builder of(Product product) {
        return new Builder(product.productNo()).fileDate(product.fileDate()).amount(product.amount())
                .status(product.status());
    }

    public static final class Builder {
        private final String productNo;
        private @Nullable LocalDate fileDate;
        private @Nullable BigDecimal amount;
        private @Nullable String status;

        private Builder(String productNo) {
            this.productNo = productNo;
        }

        public Builder fileDate(@Nullable LocalDate value) {
            fileDate = value;
            return this;
        }

        public Builder amount(@Nullable BigDecimal value) {
            amount = value;
            return this;
        }

        public Builder status(@Nullable String value) {
            status = value;
            return this;
        }

        public NewProduct build() {
            return new NewProduct(productNo, fileDate, amount, status);
        }
    }
}
