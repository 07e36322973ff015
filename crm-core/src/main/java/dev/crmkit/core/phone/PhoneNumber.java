package dev.crmkit.core.phone;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import java.util.Objects;

/**
 * A phone number in E.164 form ({@code +905301234567}). The record only guards the form; turning
 * what a user typed into one, and checking that the number exists in its country's plan, is
 * {@link PhoneParser}'s job.
 *
 * @param e164 {@code +} followed by 7 to 15 digits, the first not {@code 0}
 */
public record PhoneNumber(String e164) implements Comparable<PhoneNumber> {

    public PhoneNumber {
        Objects.requireNonNull(e164, "e164");
        if (!isE164(e164)) {
            throw new CrmValidationException(ErrorCode.PHONE_INVALID, "not an E.164 phone number: " + e164);
        }
    }

    /** Whether the text is {@code +} and 7 to 15 digits, the first not {@code 0}. */
    private static boolean isE164(String s) {
        int n = s.length();
        if (n < 8 || n > 16 || s.charAt(0) != '+' || s.charAt(1) < '1' || s.charAt(1) > '9') {
            return false;
        }
        for (int i = 2; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The number from its E.164 form; see {@link PhoneParser} for anything a user typed. */
    public static PhoneNumber of(String e164) {
        return new PhoneNumber(e164);
    }

    /** The digits without the leading {@code +}: {@code 905301234567}. */
    public String digits() {
        return e164.substring(1);
    }

    /** The number as a 64-bit value (its digits), for compact indexes. */
    public long asLong() {
        return Long.parseLong(e164, 1, e164.length(), 10);
    }

    @Override
    public int compareTo(PhoneNumber other) {
        return e164.compareTo(other.e164);
    }

    @Override
    public String toString() {
        return e164;
    }
}
