package dev.crmkit.bench.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.phone.PhoneParser;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The phone parser's shortcut must give exactly libphonenumber's answer on every number of the
 * import benchmark's file: the 1,000,000 rows it generates, in all their spellings.
 */
class BenchmarkPhonesAgreeWithLibphonenumberTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    @Test
    void everyPhoneOfTheMillionRowFileGetsLibphonenumbersAnswer() {
        PhoneParser parser = PhoneParser.forRegion("TR");
        Random random = new Random(20261122L);
        int valid = 0;
        for (int i = 0; i < 1_000_000; i++) {
            String phone = ImportFileGenerator.row(random, i)[1];
            String ours;
            try {
                ours = parser.parse(phone).e164();
            } catch (CrmValidationException e) {
                ours = null;
            }
            assertThat(ours).as("row %d: %s", i, phone).isEqualTo(libphonenumber(phone));
            valid += ours == null ? 0 : 1;
        }
        // About 1% of the rows are invalid on purpose.
        assertThat(valid).isBetween(985_000, 995_000);
    }

    private static String libphonenumber(String text) {
        try {
            Phonenumber.PhoneNumber n = UTIL.parse(text, "TR");
            return UTIL.isValidNumber(n) ? UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }
}
