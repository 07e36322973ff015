package dev.crmkit.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.phone.PhoneNumber;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SearchKeysTest {

    private static CustomerRecord.Builder customer(String name) {
        return CustomerRecord.builder(name, PhoneNumber.of("+902122223344"), Instant.EPOCH);
    }

    @Test
    @DisplayName("a word gives itself and each run of letters and digits inside it")
    void wordsAndTheirLetterRuns() {
        String[] keys = SearchKeys.of(customer("Ayşe Demir-Yılmaz").company("Zeynep 100% Kurt").build());

        assertThat(keys).contains("ayse", "\u0002demir-yilmaz", "demir", "yilmaz", "zeynep", "\u0002100%", "100", "kurt");
        assertThat(keys).isSorted().doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("an e-mail address is a word, with its domain and its parts")
    void emailWords() {
        String[] keys = SearchKeys.of(customer("Işıl").email("Isil.Kaya+crm@Example.com").build());

        assertThat(keys).contains("\u0002isil.kaya+crm@example.com", "\u0002example.com", "isil", "kaya", "crm", "example",
                "com");
    }

    @Test
    @DisplayName("a number gives its international, trunk and national digits and its suffix key")
    void phoneKeys() {
        String[] keys = SearchKeys.of(customer("x").build());

        assertThat(keys).contains("902122223344", "02122223344", "2122223344", SearchKeys.SUFFIX_MARK + "443322221209");
    }

    @Test
    @DisplayName("a control character separates words, so no word starts with the suffix mark")
    void controlCharactersAreBlank() {
        String[] keys = SearchKeys.of(customer("a" + SearchKeys.SUFFIX_MARK + "443").build());

        assertThat(keys).contains("a", "443").doesNotContain(SearchKeys.SUFFIX_MARK + "443");
    }

    @Test
    @DisplayName("a term matches the start of a key only")
    void prefixOnly() {
        String[] keys = SearchKeys.of(customer("Ayşe Demir").build());

        assertThat(SearchTerm.word("dem").matches(keys)).isTrue();
        assertThat(SearchTerm.word("demir").matches(keys)).isTrue();
        assertThat(SearchTerm.word("emir").matches(keys)).isFalse();
        assertThat(SearchTerm.word("demirx").matches(keys)).isFalse();
        assertThat(SearchTerm.word("%").matches(keys)).isFalse();
    }

    @Test
    @DisplayName("a compound word is found by its start, with or without its inner characters")
    void compoundWords() {
        String[] keys = SearchKeys.of(customer("Ayşe Demir-Yılmaz").email("ayse.yilmaz@example.com").build());

        for (String query : new String[] {"demir-yilmaz", "demir-y", "demir-", "demir", "dem", "yil", "ayse.yilmaz@ex",
            "ayse.", "ayse", "example.com", "example.c"}) {
            assertThat(SearchTerm.word(query).matches(keys)).as(query).isTrue();
        }
        for (String query : new String[] {"-yilmaz", "emir-yilmaz", "yilmaz@example", ".com", "example.co.uk"}) {
            assertThat(SearchTerm.word(query).matches(keys)).as(query).isFalse();
        }
    }
}
