package dev.crmkit.core.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NationalIdTest {

    private static final String VALID = "10000000146";

    /** Computes the two check digits of a TCKN from its first nine digits, independently of the library. */
    static String withCheckDigits(String firstNine) {
        int[] d = new int[11];
        for (int i = 0; i < 9; i++) {
            d[i] = firstNine.charAt(i) - '0';
        }
        int oddPlaces = d[0] + d[2] + d[4] + d[6] + d[8];
        int evenPlaces = d[1] + d[3] + d[5] + d[7];
        d[9] = ((oddPlaces * 7 - evenPlaces) % 10 + 10) % 10;
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += d[i];
        }
        d[10] = sum % 10;
        StringBuilder sb = new StringBuilder(11);
        for (int digit : d) {
            sb.append((char) ('0' + digit));
        }
        return sb.toString();
    }

    static List<String> generatedValidIds(int count, long seed) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            StringBuilder firstNine = new StringBuilder(9).append((char) ('1' + random.nextInt(9)));
            for (int i = 1; i < 9; i++) {
                firstNine.append((char) ('0' + random.nextInt(10)));
            }
            ids.add(withCheckDigits(firstNine.toString()));
        }
        return ids;
    }

    @Test
    void theGeneratorReproducesAKnownValidNumber() {
        assertThat(withCheckDigits("100000001")).isEqualTo(VALID);
    }

    @Nested
    class Validity {

        @Test
        void acceptsAValidNumber() {
            assertThat(NationalId.isValid(VALID)).isTrue();
            assertThat(new NationalId(VALID).value()).isEqualTo(VALID);
        }

        @Test
        void ofIgnoresSurroundingSpaces() {
            assertThat(NationalId.of("  " + VALID + "\t").value()).isEqualTo(VALID);
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {
                "10000000147", // last digit off
                "10000000156", // tenth digit off
                "10000000046", // ninth digit changed
                "12345678901",
                "11111111111",
        })
        void rejectsChecksumFailures(String text) {
            assertInvalid(text);
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"1000000014", "100000001460", "", "1", "100000001461000"})
        void rejectsWrongLengths(String text) {
            assertInvalid(text);
        }

        @Test
        void rejectsALeadingZeroEvenWithACorrectChecksum() {
            String leadingZero = withCheckDigits("012345678");
            assertThat(leadingZero).startsWith("0").hasSize(11);
            assertInvalid(leadingZero);
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {
                "1000000014a",
                "l0000000146",
                "1000 000146",
                "1000000014\u0666", // Arabic-Indic six
                "+1000000146",
                "-1000000146",
        })
        void rejectsAnythingButAsciiDigits(String text) {
            assertInvalid(text);
        }

        @Test
        void rejectsNull() {
            assertThatThrownBy(() -> new NationalId(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void theFailureNeverShowsTheWholeNumber() {
            assertThatThrownBy(() -> new NationalId("12345678901"))
                    .isInstanceOf(CrmValidationException.class)
                    .hasMessageNotContaining("12345678901")
                    .hasMessageContaining("*******8901");
        }
    }

    @Nested
    class Generated {

        private final List<String> ids = generatedValidIds(2_000, 11L);

        @Test
        @DisplayName("every generated number is valid")
        void allValid() {
            for (String id : ids) {
                if (!NationalId.isValid(id)) {
                    fail("generated %s is not valid", id);
                }
                assertThat(new NationalId(id).value()).isEqualTo(id);
            }
        }

        @Test
        @DisplayName("changing any one digit of a valid number makes it invalid")
        void everySingleDigitChangeIsInvalid() {
            int checked = 0;
            for (String id : ids) {
                char[] chars = id.toCharArray();
                for (int pos = 0; pos < 11; pos++) {
                    char original = chars[pos];
                    for (char c = '0'; c <= '9'; c++) {
                        if (c == original) {
                            continue;
                        }
                        chars[pos] = c;
                        String changed = new String(chars);
                        if (NationalId.isValid(changed)) {
                            fail("%s is valid, changed from %s at position %d", changed, id, pos);
                        }
                        checked++;
                    }
                    chars[pos] = original;
                }
            }
            assertThat(checked).isEqualTo(ids.size() * 11 * 9);
        }
    }

    @Nested
    class Masking {

        @Test
        void masksAllButTheLastFourDigits() {
            NationalId id = new NationalId(VALID);
            assertThat(id.masked()).isEqualTo("*******0146");
            assertThat(NationalId.mask(VALID)).isEqualTo("*******0146");
        }

        @Test
        void toStringIsMasked() {
            NationalId id = new NationalId(VALID);
            assertThat(id.toString()).isEqualTo("*******0146").doesNotContain(VALID);
            assertThat(String.valueOf(List.of(id))).doesNotContain(VALID);
        }

        @Test
        void masksShortAndMissingText() {
            assertThat(NationalId.mask(null)).isNull();
            assertThat(NationalId.mask("")).isEmpty();
            assertThat(NationalId.mask("146")).isEqualTo("146");
            assertThat(NationalId.mask("90146")).isEqualTo("*0146");
        }
    }

    private static void assertInvalid(String text) {
        assertThat(NationalId.isValid(text)).as("isValid(%s)", text).isFalse();
        assertThatThrownBy(() -> new NationalId(text))
                .isInstanceOfSatisfying(CrmValidationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NATIONAL_ID_INVALID));
    }
}
