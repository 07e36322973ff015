package dev.crmkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.phone.PhoneParser;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchTermsTest {

    @Nested
    class PhoneQueries {

        @ParameterizedTest(name = "[{0}] -> {1}")
        @CsvSource(delimiter = '|', value = {
                "0530 123 45 67|05301234567",
                "05301234567|05301234567",
                "0530-123-45-67|05301234567",
                "(0530) 123 45 67|05301234567",
                "+90 530 123 45 67|905301234567",
                "+90 (530) 123-45-67|905301234567",
                "00905301234567|905301234567",
                "0090 530 123 45 67|905301234567",
                "'  0530 123 45 67  '|05301234567",
                "1234567|1234567",
                "123 45 67|1234567",
        })
        void becomeOneTermOfDigits(String text, String digits) {
            assertThat(SearchTerms.of(text)).containsExactly(digits);
        }

        @ParameterizedTest(name = "[{0}] -> {1}")
        @CsvSource(delimiter = '|', value = {
                "+90 (0530) 123 45 67|905301234567",
                "0090 0530 123 45 67|905301234567",
                "00810602469134|81602469134",
        })
        @DisplayName("a complete number typed with its trunk prefix after the country code is searched as stored")
        void aNumberWithTrunkPrefixAfterCountryCodeIsSearchedAsStored(String text, String digits) {
            assertThat(SearchTerms.of(text, PhoneParser.forRegion("TR"))).containsExactly(digits);
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"0530 123 45 67", "+90 530 123 45 67", "5301234567", "0530 123", "+7 800 555 35 35"})
        @DisplayName("digits a stored number contains stay as typed, so partial numbers still match anywhere")
        void digitsAStoredNumberContainsStayAsTyped(String text) {
            assertThat(SearchTerms.of(text, PhoneParser.forRegion("TR"))).isEqualTo(SearchTerms.of(text));
        }

        @Test
        void aTabIsASpaceInAPhoneQuery() {
            assertThat(SearchTerms.of("0530\t123 45 67")).containsExactly("05301234567");
        }

        @Test
        void aNoBreakSpaceIsASpaceInAPhoneQuery() {
            assertThat(SearchTerms.of("0530\u00A0123\u00A045\u00A067")).containsExactly("05301234567");
        }

        @Test
        void sixDigitsAreAWordNotAPhoneQuery() {
            assertThat(SearchTerms.of("530123")).containsExactly("530123");
            assertThat(SearchTerms.of("530 123")).containsExactly("530", "123");
        }

        @Test
        void digitsWithLettersAreWords() {
            assertThat(SearchTerms.of("ayse 05301234567")).containsExactly("ayse", "05301234567");
            assertThat(SearchTerms.of("0530 123 45 67x")).doesNotContain("05301234567");
        }
    }

    @Nested
    class Words {

        @Test
        void areSplitOnWhitespaceAndFolded() {
            assertThat(SearchTerms.of("  Ayşe \t KAYA\nİstanbul ")).containsExactly("ayse", "kaya", "istanbul");
        }

        @Test
        void foldTurkishLettersBothWays() {
            assertThat(SearchTerms.of("IŞIK")).containsExactly("isik");
            assertThat(SearchTerms.of("ışık")).containsExactly("isik");
        }

        @Test
        void aNoBreakSpaceSeparatesWords() {
            assertThat(SearchTerms.of("Ayşe\u00A0Kaya")).containsExactly("ayse", "kaya");
        }

        @Test
        void dropsAWordAnotherWordContains() {
            assertThat(SearchTerms.of("ay ayse")).containsExactly("ayse");
            assertThat(SearchTerms.of("ayse ay")).containsExactly("ayse");
            assertThat(SearchTerms.of("kaya Kayalar ay")).containsExactly("kayalar");
        }

        @Test
        void dropsAWordThatOnlyFoldsIntoAnother() {
            assertThat(SearchTerms.of("AY Ayşe")).containsExactly("ayse");
        }

        @Test
        void keepsADuplicateWordOnce() {
            assertThat(SearchTerms.of("kaya Kaya KAYA")).containsExactly("kaya");
            assertThat(SearchTerms.of("ışık ISIK istanbul")).containsExactly("isik", "istanbul");
        }

        @Test
        void keepsUnrelatedWordsInOrder() {
            assertThat(SearchTerms.of("kaya istanbul lojistik")).containsExactly("kaya", "istanbul", "lojistik");
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"%", "_", "'", "%_'", "50%", "a_b", "o'brien", "%kaya%", "' or 1=1 --"})
        void wildcardAndQuoteCharactersArePlainText(String text) {
            List<String> terms = SearchTerms.of(text);
            assertThat(String.join(" ", terms)).isEqualTo(text);
        }

        @Test
        void wildcardCharactersAreFoldedLikeAnyText() {
            assertThat(SearchTerms.of("O'BRİEN %50_İNDİRİM")).containsExactly("o'brien", "%50_indirim");
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n ", "\u00A0"})
    void blankTextHasNoTerms(String text) {
        assertThat(SearchTerms.of(text)).isEmpty();
    }

    @Test
    void termsAreUnmodifiable() {
        List<String> terms = SearchTerms.of("ayse kaya");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> terms.add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
