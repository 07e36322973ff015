package dev.crmkit.bench.importing;

import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.phone.PhoneNumber;

/**
 * One customer of a file, cleaned as the importer would clean it, with the derived column values
 * (phones JSON, name key, search text) already computed, so that writing it costs nothing but the
 * database's work. See {@link CustomerColumns} for how each becomes a column of
 * {@code crm_customer}.
 *
 * @param phone the primary phone in E.164
 */
public record CleanRow(String fullName, String phone, String email, String company, Segment segment,
                       String phonesJson, String nameKey, String searchText) {

    /** A row from its cleaned values; computes the derived ones. */
    public static CleanRow of(String fullName, PhoneNumber phone, String email, String company, Segment segment) {
        return CustomerColumns.derive(fullName, phone, email, company, segment);
    }
}
