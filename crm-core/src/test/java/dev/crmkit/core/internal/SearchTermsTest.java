package dev.crmkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.phone.PhoneParser;
import dev.crmkit.core.spi.SearchKeys;
import dev.crmkit.core.spi.SearchTerm;
import dev.crmkit.core.spi.SearchTerms;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchTermsTest {

    /** The terms' prefixes: one list per term. */
    private static List<List<String>> prefixes(String text) {
        return SearchTerms.of(text).stream().map(SearchTerm::prefixes).toList();
    }

    /** The words of a text query (terms of one prefix each), without the compound mark. */
    private static List<String> words(String text) {
        List<SearchTerm> terms = SearchTerms.of(text);
        assertThat(terms).allMatch(t -> t.prefixes().size() == 1);
        return terms.stream().map(t -> t.prefixes().get(0))
                .map(p -> p.charAt(0) == SearchKeys.COMPOUND_MARK ? p.substring(1) : p).toList();
    }

    /** The one term of a phone query: its digits and their suffix key. */
    private static List<List<String>> phone(String digits) {
        return List.of(List.of(digits, SearchKeys.suffixKey(digits)));
    }

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
            assertThat(prefixes(text)).isEqualTo(phone(digits));
        }

        @ParameterizedTest(name = "[{0}] -> {1}")
        @CsvSource(delimiter = '|', value = {
                "+90 (0530) 123 45 67|905301234567",
                "0090 0530 123 45 67|905301234567",
                "00810602469134|81602469134",
        })
        @DisplayName("a complete number typed with its trunk prefix after the country code is also searched as stored")
        void aNumberWithTrunkPrefixAfterCountryCodeIsSearchedAsStored(String text, String digits) {
            List<SearchTerm> terms = SearchTerms.of(text, PhoneParser.forRegion("TR"));
            assertThat(terms).hasSize(1);
            assertThat(terms.get(0).prefixes()).hasSize(3).endsWith(digits);
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"0530 123 45 67", "+90 530 123 45 67", "5301234567", "0530 123", "+7 800 555 35 35"})
        @DisplayName("digits that start or end the number they parse to are searched as typed only")
        void digitsAStoredNumberContainsStayAsTyped(String text) {
            assertThat(SearchTerms.of(text, PhoneParser.forRegion("TR"))).isEqualTo(SearchTerms.of(text));
        }

        @Test
        void aTabIsASpaceInAPhoneQuery() {
            assertThat(prefixes("0530\t123 45 67")).isEqualTo(phone("05301234567"));
        }

        @Test
        void aNoBreakSpaceIsASpaceInAPhoneQuery() {
            assertThat(prefixes("0530\u00A0123\u00A045\u00A067")).isEqualTo(phone("05301234567"));
        }

        @Test
        void sixDigitsAreAWordNotAPhoneQuery() {
            assertThat(words("530123")).containsExactly("530123");
            assertThat(words("530 123")).containsExactly("530", "123");
        }

        @Test
        void digitsWithLettersAreWords() {
            assertThat(words("ayse 05301234567")).containsExactly("ayse", "05301234567");
            assertThat(words("0530 123 45 67x")).containsExactly("0530", "123", "45", "67x");
        }
    }

    @Nested
    class Words {

        @Test
        void areSplitOnWhitespaceAndFolded() {
            assertThat(words("  Ayşe \t KAYA\nİstanbul ")).containsExactly("ayse", "kaya", "istanbul");
        }

        @Test
        void foldTurkishLettersBothWays() {
            assertThat(words("IŞIK")).containsExactly("isik");
            assertThat(words("ışık")).containsExactly("isik");
        }

        @Test
        void aNoBreakSpaceSeparatesWords() {
            assertThat(words("Ayşe\u00A0Kaya")).containsExactly("ayse", "kaya");
        }

        @Test
        void dropsAWordAnotherWordStartsWith() {
            assertThat(words("ay ayse")).containsExactly("ayse");
            assertThat(words("ayse ay")).containsExactly("ayse");
            assertThat(words("kaya Kayalar ay")).containsExactly("kayalar", "ay");
            assertThat(words("lmaz yilmaz")).containsExactly("lmaz", "yilmaz");
        }

        @Test
        void dropsAWordThatOnlyFoldsIntoAnother() {
            assertThat(words("AY Ayşe")).containsExactly("ayse");
        }

        @Test
        void keepsADuplicateWordOnce() {
            assertThat(words("kaya Kaya KAYA")).containsExactly("kaya");
            assertThat(words("ışık ISIK istanbul")).containsExactly("isik", "istanbul");
        }

        @Test
        void keepsUnrelatedWordsInOrder() {
            assertThat(words("kaya istanbul lojistik")).containsExactly("kaya", "istanbul", "lojistik");
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"%", "_", "'", "%_'", "50%", "a_b", "o'brien", "%kaya%", "' or 1=1 --"})
        void wildcardAndQuoteCharactersArePlainText(String text) {
            assertThat(String.join(" ", words(text))).isEqualTo(text);
        }

        @Test
        void wildcardCharactersAreFoldedLikeAnyText() {
            assertThat(words("O'BRİEN %50_İNDİRİM")).containsExactly("o'brien", "%50_indirim");
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
        List<SearchTerm> terms = SearchTerms.of("ayse kaya");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> terms.add(SearchTerm.word("x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
