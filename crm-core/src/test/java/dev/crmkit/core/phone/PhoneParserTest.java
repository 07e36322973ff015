package dev.crmkit.core.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneParserTest {

    private final PhoneParser tr = PhoneParser.forRegion("TR");

    @Nested
    @DisplayName("in the default region TR")
    class TurkishDefault {

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {
                "05301234567",
                "0530 123 45 67",
                "(530) 123-4567",
                "905301234567",
                "+90 530 123 45 67",
                "5301234567",
                "0 (530) 123 45 67",
                "  0530 123 45 67  ",
                "+905301234567",
        })
        void readsEveryUsualWritingOfAMobileNumber(String raw) {
            assertThat(tr.parse(raw)).isEqualTo(PhoneNumber.of("+905301234567"));
        }

        @Test
        void readsALandline() {
            assertThat(tr.parse("0212 555 12 12").e164()).isEqualTo("+902125551212");
        }

        @Test
        void readsA0850Number() {
            assertThat(tr.parse("0850 222 22 22").e164()).isEqualTo("+908502222222");
        }

        @Test
        void theDefaultRegionIsReported() {
            assertThat(tr.defaultRegion()).isEqualTo("TR");
        }
    }

    @Nested
    class ForeignNumbers {

        @ParameterizedTest(name = "[{0}] -> {1}")
        @CsvSource({
                "+44 20 7946 0958, +442079460958",
                "+1 650 253 0000, +16502530000",
                "+1 (212) 555-0100, +12125550100",
                "+49 30 123456, +4930123456",
        })
        void areReadWithTheirCountryCode(String raw, String e164) {
            assertThat(tr.parse(raw).e164()).isEqualTo(e164);
        }
    }

    @Nested
    class Rejects {

        @ParameterizedTest(name = "[{0}]")
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\t\n"})
        void blankAsRequired(String raw) {
            assertThatThrownBy(() -> tr.parse(raw))
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PHONE_REQUIRED);
                        assertThat(e.violations()).extracting(CrmValidationException.Violation::code)
                                .containsExactly(ErrorCode.PHONE_REQUIRED);
                    });
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {
                "123",
                "abc",
                "+90 530 123",
                "0530 123 45 6",
                "905301234567890",
                "111111111111111111111111111111",
                "+90 530 123 45 67 89",
                "0000000000",
        })
        void whatIsNotAValidNumber(String raw) {
            assertPhoneInvalid(() -> tr.parse(raw));
        }

        @Test
        void inputFarTooLong() {
            assertPhoneInvalid(() -> tr.parse("0530 123 45 67 ".repeat(20)));
            assertPhoneInvalid(() -> tr.parse("5".repeat(10_000)));
        }
    }

    @Nested
    class Regions {

        @Test
        void readsNationalNumbersInTheConfiguredRegion() {
            PhoneParser de = PhoneParser.forRegion("DE");
            assertThat(de.defaultRegion()).isEqualTo("DE");
            assertThat(de.parse("030 123456").e164()).isEqualTo("+4930123456");
            assertThat(de.parse("+90 530 123 45 67").e164()).isEqualTo("+905301234567");
        }

        @Test
        void readsUsNumbersInRegionUs() {
            assertThat(PhoneParser.forRegion("US").parse("(650) 253-0000").e164()).isEqualTo("+16502530000");
        }

        @Test
        void aNationalNumberIsReadInTheConfiguredRegionOnly() {
            assertThat(PhoneParser.forRegion("DE").parse("0530 123 45 67").e164()).isEqualTo("+495301234567");
        }

        @Test
        void readsTheInternationalPrefix00() {
            assertThat(tr.parse("00905301234567").e164()).isEqualTo("+905301234567");
            assertThat(PhoneParser.forRegion("DE").parse("00905301234567").e164()).isEqualTo("+905301234567");
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"XX", "ZZ", "", "TUR", "Turkey"})
        void unknownRegionIsRejected(String region) {
            assertThatThrownBy(() -> PhoneParser.forRegion(region))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(region);
        }

        @Test
        void nullRegionIsRejected() {
            assertThatThrownBy(() -> PhoneParser.forRegion(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class NationalDigits {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
                "+905301234567, 05301234567",
                "+902125551212, 02125551212",
                "+4930123456, 030123456",
                "+442079460958, 02079460958",
                "+16502530000, 16502530000",
        })
        void prefixTheNationalPrefixOfTheNumbersCountry(String e164, String national) {
            assertThat(PhoneParser.nationalDigits(PhoneNumber.of(e164))).isEqualTo(national);
        }

        @Test
        void agreeWithWhatTheParserReads() {
            PhoneNumber n = tr.parse("0530 123 45 67");
            assertThat(tr.parse(PhoneParser.nationalDigits(n))).isEqualTo(n);
        }
    }

    @Nested
    @DisplayName("the PhoneNumber record")
    class Record {

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"905301234567", "+0123", "+0905301234567", "+123456", "+1234567890123456",
                "+90 530 123 45 67", "+90530123456a", "", "+", "++905301234567", "05301234567"})
        void rejectsWhatIsNotE164(String value) {
            assertPhoneInvalid(() -> new PhoneNumber(value));
        }

        @Test
        void rejectsNull() {
            assertThatThrownBy(() -> new PhoneNumber(null)).isInstanceOf(NullPointerException.class);
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"+1234567", "+123456789012345"})
        void acceptsSevenToFifteenDigits(String value) {
            assertThat(PhoneNumber.of(value).e164()).isEqualTo(value);
        }

        @Test
        void givesItsDigitsAndLongValue() {
            PhoneNumber n = PhoneNumber.of("+905301234567");
            assertThat(n.digits()).isEqualTo("905301234567");
            assertThat(n.asLong()).isEqualTo(905_301_234_567L);
            assertThat(n).hasToString("+905301234567");
        }

        @Test
        void theLongestNumberFitsInALong() {
            assertThat(PhoneNumber.of("+999999999999999").asLong()).isEqualTo(999_999_999_999_999L);
        }

        @Test
        void ordersByE164AndEqualsByValue() {
            PhoneNumber a = PhoneNumber.of("+905301234567");
            PhoneNumber b = PhoneNumber.of("+905301234568");
            assertThat(a).isLessThan(b);
            assertThat(a).isEqualTo(PhoneNumber.of("+905301234567")).hasSameHashCodeAs(PhoneNumber.of("+905301234567"));
            assertThat(a).isNotEqualTo(b);
        }
    }

    private static void assertPhoneInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CrmValidationException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PHONE_INVALID));
    }
}
