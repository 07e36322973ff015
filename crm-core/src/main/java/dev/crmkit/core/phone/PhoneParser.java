package dev.crmkit.core.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.text.TextFolding;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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

    private static final int TR_COUNTRY_CODE = 90;

    /**
     * libphonenumber's verdicts on recent Turkish national numbers. A number read by an importer
     * is read again by core moments later; the second time costs a table look-up instead of
     * libphonenumber's regular expressions. The answer is libphonenumber's either way.
     */
    private static final VerdictCache VALID_TR = new VerdictCache(1 << 14, PhoneParser::validTurkish);

    /** libphonenumber's rule for Turkey, from its metadata; null if that metadata cannot be read. */
    private static final @Nullable MetadataValidity TR_RULE = MetadataValidity.forRegion("TR");

    private static boolean validTurkish(long national) {
        return TR_RULE != null ? TR_RULE.isValid(Long.toString(national)) : UTIL.isValidNumber(
                new Phonenumber.PhoneNumber().setCountryCode(TR_COUNTRY_CODE).setNationalNumber(national));
    }
    private static final int MAX_INPUT = 64;

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
     * Parses and validates a number. The answer is exactly libphonenumber's: the common Turkish
     * spellings take a shortcut that builds the number libphonenumber's parser would build and
     * checks it against the same metadata; anything else goes through libphonenumber's parser.
     *
     * @throws CrmValidationException with {@link ErrorCode#PHONE_REQUIRED} for blank input and
     *     {@link ErrorCode#PHONE_INVALID} for anything that is not a valid number
     */
    public PhoneNumber parse(String raw) {
        String text = raw == null ? "" : TextFolding.trim(raw);
        if (text.isEmpty()) {
            throw new CrmValidationException(ErrorCode.PHONE_REQUIRED, "a phone number is required");
        }
        if (text.length() > MAX_INPUT) {
            throw new CrmValidationException(ErrorCode.PHONE_INVALID, "not a phone number: too long");
        }
        PhoneNumber fast = turkishShortcut(text);
        return fast != null ? fast : parseWithLibphonenumber(text);
    }

    /** The reference path: libphonenumber's own parser, validity check and E.164 formatting. */
    PhoneNumber parseWithLibphonenumber(String text) {
        Phonenumber.PhoneNumber parsed;
        try {
            parsed = UTIL.parse(text, defaultRegion);
        } catch (NumberParseException e) {
            throw new CrmValidationException(ErrorCode.PHONE_INVALID, "not a phone number: " + text);
        }
        if (!UTIL.isValidNumber(parsed)) {
            throw new CrmValidationException(ErrorCode.PHONE_INVALID, "not a valid phone number: " + text);
        }
        return new PhoneNumber(UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    /**
     * The shortcut for the spellings that make up nearly all Turkish input, in region TR only:
     * optional {@code +}, digits, spaces, {@code -} and parentheses, giving a national number of
     * 10 digits written bare ({@code 5301234567}), after the national prefix
     * ({@code 05301234567}) or after the country code ({@code 905301234567},
     * {@code +905301234567}). libphonenumber reads each of these as country code 90 with that
     * national number (a test compares the two on every form), so building that number and
     * asking libphonenumber whether it is valid gives its answer without its parser's regular
     * expressions. Returns {@code null} when the shortcut does not apply or the number is not
     * valid, leaving the verdict and its message to the reference path.
     */
    private @Nullable PhoneNumber turkishShortcut(String text) {
        if (defaultCountryCode != TR_COUNTRY_CODE) {
            return null;
        }
        char[] digits = new char[16];
        int n = 0;
        boolean plus = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (n == digits.length) {
                    return null;
                }
                digits[n++] = c;
            } else if (c == '+' && i == 0) {
                plus = true;
            } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
                return null;
            }
        }
        int start;
        if (plus || n == 12) {
            start = n == 12 && digits[0] == '9' && digits[1] == '0' ? 2 : -1;
        } else if (n == 11) {
            start = digits[0] == '0' ? 1 : -1;
        } else {
            start = n == 10 ? 0 : -1;
        }
        if (start < 0 || digits[start] == '0') {
            return null;
        }
        long national = 0;
        for (int i = start; i < n; i++) {
            national = national * 10 + (digits[i] - '0');
        }
        if (!VALID_TR.isValid(national)) {
            return null;
        }
        return new PhoneNumber("+90" + new String(digits, start, n - start));
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

    /**
     * The national significant digits of a number: its international digits without the country
     * code ({@code 5301234567} for {@code +905301234567}).
     */
    public static String nationalSignificantDigits(PhoneNumber number) {
        String digits = number.digits();
        for (int len = 1; len <= 3 && len < digits.length(); len++) {
            int cc = Integer.parseInt(digits, 0, len, 10);
            if (NATIONAL_PREFIXES.computeIfAbsent(cc, PhoneParser::nationalPrefixOf) != NO_COUNTRY) {
                return digits.substring(len);
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

    @Override
    public String toString() {
        return "PhoneParser[" + defaultRegion + "]";
    }
}
