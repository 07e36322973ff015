package dev.crmkit.core.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The metadata rule must give exactly {@code PhoneNumberUtil.isValidNumber}'s answer. */
class MetadataValidityTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    @ParameterizedTest
    @ValueSource(strings = {"TR", "DE", "FR", "NL", "AZ", "JP", "BR", "IN"})
    void agreesWithLibphonenumberOnEveryPrefixAndLength(String region) {
        MetadataValidity rule = MetadataValidity.forRegion(region);
        assertThat(rule).as("single-region calling code").isNotNull();
        int code = UTIL.getCountryCodeForRegion(region);
        Random random = new Random(region.hashCode());
        int valid = 0;
        int compared = 0;
        for (int length = 4; length <= 13; length++) {
            // Every leading 3 digits, with random rest: each type's prefixes are hit.
            for (int prefix = 100; prefix < 1000; prefix++) {
                StringBuilder sb = new StringBuilder(Integer.toString(prefix));
                while (sb.length() < length) {
                    sb.append((char) ('0' + random.nextInt(10)));
                }
                String national = sb.substring(0, length);
                boolean expected = UTIL.isValidNumber(new Phonenumber.PhoneNumber().setCountryCode(code)
                        .setNationalNumber(Long.parseLong(national)));
                assertThat(rule.isValid(national)).as("%s %s", region, national).isEqualTo(expected);
                compared++;
                valid += expected ? 1 : 0;
            }
        }
        assertThat(compared).isEqualTo(9000);
        assertThat(valid).as("the comparison must see valid numbers too").isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"US", "CA", "GB"})
    void sharedCallingCodesAreLeftToLibphonenumber(String region) {
        assertThat(MetadataValidity.forRegion(region)).isNull();
    }
}
