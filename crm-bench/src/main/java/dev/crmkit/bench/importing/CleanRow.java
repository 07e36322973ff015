package dev.crmkit.bench.importing;

import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.SearchKeys;

/**
 * One customer of a file, cleaned as the importer would clean it, with the derived column values
 * (phones JSON, name key, search keys) already computed, so that writing it costs little but the
 * database's work. See {@link CustomerColumns} for how each becomes a column of
 * {@code crm_customer}.
 *
 * @param phone the primary phone in E.164
 * @param searchKeys the customer's {@linkplain SearchKeys#of search keys}, sorted, joined by a
 *     space (no key holds a blank, so {@link #keys()} gives them back); one string keeps a million
 *     rows small
 */
public record CleanRow(String fullName, String phone, String email, String company, Segment segment,
                       String phonesJson, String nameKey, String searchKeys) {

    /** A row from its cleaned values; computes the derived ones. */
    public static CleanRow of(String fullName, PhoneNumber phone, String email, String company, Segment segment) {
        return CustomerColumns.derive(fullName, phone, email, company, segment);
    }

    /** The search keys, sorted ascending, as {@link SearchKeys#of} gave them. */
    public String[] keys() {
        return searchKeys.isEmpty() ? new String[0] : searchKeys.split(" ", -1);
    }

    /** The keys joined by a space; a key never holds a blank ({@link SearchKeys#isBlank}), which is checked. */
    static String joinKeys(String[] keys) {
        for (String key : keys) {
            if (key.isEmpty() || key.indexOf(' ') >= 0) {
                throw new IllegalArgumentException("a search key cannot be empty or hold a space: '" + key + "'");
            }
        }
        return String.join(" ", keys);
    }
}
