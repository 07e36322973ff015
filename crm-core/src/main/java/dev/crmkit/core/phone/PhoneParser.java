package dev.crmkit.core.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import java.util.Objects;

/**
 * Turns phone numbers as people write them into {@link PhoneNumber}s, with libphonenumber.
 *
 * <p>A number without a country code is read in the default region ({@code TR} unless configured):
 * {@code 05301234567}, {@code 0530 123 45 67}, {@code (530) 123-4567}, {@code 905301234567},
 * {@code +90 530 123 45 67} and {@code 5301234567} all give {@code +905301234567}. Any valid
 * number is accepted: mobile, landline, {@code 0850}, foreign with {@code +CC}. Immutable and
 * thread-safe.
 */
public final class PhoneParser {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final String defaultRegion;
    private final int defaultCountryCode;

    private PhoneParser(String defaultRegion) {
        this.defaultRegion = defaultRegion;
        this.defaultCountryCode = UTIL.getCountryCodeForRegion(defaultRegion);
    }

    /**
     * A parser for the given default region.
     *
     * @param region an ISO 3166 two-letter region code that libphonenumber supports, such as {@code TR}
     * @throws IllegalArgumentException if libphonenumber does not know the region
     */
    public static PhoneParser forRegion(String region) {
        Objects.requireNonNull(region, "region");
        if (!UTIL.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unknown phone region: " + region);
        }
        return new PhoneParser(region);
    }

    /** The region numbers without a country code are read in. */
    public String defaultRegion() {
        return defaultRegion;
    }

    /**
     * Parses and validates a number.
     *
     * @throws CrmValidationException with {@link ErrorCode#PHONE_REQUIRED} for blank input and
     *     {@link ErrorCode#PHONE_INVALID} for anything that is not a valid number
     */
    public PhoneNumber parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new CrmValidationException(ErrorCode.PHONE_REQUIRED, "a phone number is required");
        }
        String text = raw.strip();
        if (text.length() > 64) {
            throw new CrmValidationException(ErrorCode.PHONE_INVALID, "not a phone number: too long");
        }
        Phonenumber.PhoneNumber parsed = parseLenient(text);
        if (parsed == null || !UTIL.isValidNumber(parsed)) {
            throw new CrmValidationException(ErrorCode.PHONE_INVALID, "not a valid phone number: " + text);
        }
        return new PhoneNumber(UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    /**
     * The number's digits as dialled inside its own country, with the national prefix:
     * {@code 05301234567} for {@code +905301234567}. Search matches these as well as the
     * international digits.
     */
    public static String nationalDigits(PhoneNumber number) {
        String digits = number.digits();
        // Country calling codes are prefix-free and 1 to 3 digits long.
        for (int len = 1; len <= 3 && len < digits.length(); len++) {
            int cc = Integer.parseInt(digits, 0, len, 10);
            String prefix = NATIONAL_PREFIXES.computeIfAbsent(cc, PhoneParser::nationalPrefixOf);
            if (prefix != NO_COUNTRY) {
                return prefix + digits.substring(len);
            }
        }
        return digits;
    }

    private static final String NO_COUNTRY = new String("no country");
    private static final java.util.concurrent.ConcurrentMap<Integer, String> NATIONAL_PREFIXES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static String nationalPrefixOf(int countryCode) {
        String region = UTIL.getRegionCodeForCountryCode(countryCode);
        if ("ZZ".equals(region)) { // libphonenumber's "unknown region"
            return NO_COUNTRY;
        }
        String prefix = UTIL.getNddPrefixForRegion(region, true);
        return prefix == null ? "" : prefix;
    }

    private Phonenumber.PhoneNumber parseLenient(String text) {
        try {
            Phonenumber.PhoneNumber parsed = UTIL.parse(text, defaultRegion);
            if (!UTIL.isValidNumber(parsed) && text.charAt(0) != '+') {
                // "905301234567": the country code written without '+' reads as a national number
                // first; try it as an international one.
                String digits = digitsOf(text);
                if (digits.startsWith(Integer.toString(defaultCountryCode))) {
                    Phonenumber.PhoneNumber international = UTIL.parse("+" + digits, defaultRegion);
                    if (UTIL.isValidNumber(international)) {
                        return international;
                    }
                }
            }
            return parsed;
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static String digitsOf(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "PhoneParser[" + defaultRegion + "]";
    }
}
