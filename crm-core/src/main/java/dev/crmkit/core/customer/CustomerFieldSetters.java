package dev.crmkit.core.customer;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The typed setters of the built-in fields, shared by the builders of a {@linkplain NewCustomer new
 * customer} and of a {@linkplain CustomerUpdate change}: each one is {@link #set} with its field, so
 * both builders offer every field the same way. Values are taken as a user typed them; the service
 * cleans and checks them. {@code null} leaves a field blank on a new customer and clears it on a
 * change. Each field may be set once per builder.
 *
 * @param <B> the builder
 */
public interface CustomerFieldSetters<B extends CustomerFieldSetters<B>> {

    /**
     * Sets a built-in field.
     *
     * @throws IllegalArgumentException if the value is not of the field's {@link
     *     CustomerField#valueType()}, or the builder takes the field elsewhere
     * @throws IllegalStateException if the field was already set
     */
    B set(CustomerField field, @Nullable Object value);

    default B type(@Nullable CustomerType type) {
        return set(CustomerField.TYPE, type);
    }

    default B email(@Nullable String email) {
        return set(CustomerField.EMAIL, email);
    }

    default B company(@Nullable String company) {
        return set(CustomerField.COMPANY, company);
    }

    default B segment(@Nullable Segment segment) {
        return set(CustomerField.SEGMENT, segment);
    }

    default B status(@Nullable CustomerStatus status) {
        return set(CustomerField.STATUS, status);
    }

    default B fax(@Nullable String fax) {
        return set(CustomerField.FAX, fax);
    }

    default B address(@Nullable String address) {
        return set(CustomerField.ADDRESS, address);
    }

    /** The TCKN, 11 digits; validated with its checksum. */
    default B nationalId(@Nullable String nationalId) {
        return set(CustomerField.NATIONAL_ID, nationalId);
    }

    /**
     * The representative's username; it must exist in the tenant's user directory. On a change the
     * current representative becomes the previous one and the assignment time is stamped.
     */
    default B representative(@Nullable String username) {
        return set(CustomerField.REPRESENTATIVE, username);
    }

    default B queue(@Nullable String queue) {
        return set(CustomerField.QUEUE, queue);
    }

    default B resultCode(@Nullable String resultCode) {
        return set(CustomerField.RESULT_CODE, resultCode);
    }

    default B actionAt(@Nullable Instant actionAt) {
        return set(CustomerField.ACTION_AT, actionAt);
    }

    default B processingStatus(@Nullable String processingStatus) {
        return set(CustomerField.PROCESSING_STATUS, processingStatus);
    }

    default B totalAmount(@Nullable BigDecimal totalAmount) {
        return set(CustomerField.TOTAL_AMOUNT, totalAmount);
    }

    default B loadedAt(@Nullable Instant loadedAt) {
        return set(CustomerField.LOADED_AT, loadedAt);
    }
}
