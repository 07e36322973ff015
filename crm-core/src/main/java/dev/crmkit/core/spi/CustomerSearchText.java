package dev.crmkit.core.spi;

import dev.crmkit.core.phone.PhoneParser;
import dev.crmkit.core.text.TextFolding;

/**
 * The text a customer is found by: the folded name, company and e-mail, and each phone number's
 * international digits ({@code 905301234567}) and national digits ({@code 05301234567}), one per
 * line. A search term matches a customer when it occurs in this text; since terms never contain a
 * line break, a term never matches across two fields. Stores may keep it precomputed (the JDBC
 * adapter indexes it).
 */
public final class CustomerSearchText {

    private CustomerSearchText() {
    }

    public static String of(CustomerRecord r) {
        StringBuilder sb = new StringBuilder(96);
        sb.append(TextFolding.fold(r.fullName())).append('\n');
        if (r.company() != null) {
            sb.append(TextFolding.fold(r.company()));
        }
        sb.append('\n');
        if (r.email() != null) {
            sb.append(TextFolding.fold(r.email()));
        }
        for (PhoneRecord p : r.phones()) {
            String international = p.number().digits();
            String national = PhoneParser.nationalDigits(p.number());
            sb.append('\n').append(international);
            // Usually the national digits are a suffix of the international ones (90|5301234567
            // and 0|5301234567 share "05301234567"), and then they add nothing to match.
            if (!international.endsWith(national)) {
                sb.append('\n').append(national);
            }
        }
        return sb.toString();
    }
}
