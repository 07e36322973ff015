package dev.crmkit.core.spi;

import java.util.List;

/**
 * One condition of a customer search: a customer meets it when one of its {@linkplain SearchKeys
 * search keys} starts with one of the prefixes. A query word is a term with one prefix; a phone
 * query is one term whose prefixes are its digits (the start of a number in any written form)
 * and its {@linkplain SearchKeys#suffixKey suffix key} (the number's last digits).
 *
 * @param prefixes folded, non-empty; plain text, never patterns
 */
public record SearchTerm(List<String> prefixes) {

    public SearchTerm {
        prefixes = List.copyOf(prefixes);
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("a search term needs a prefix");
        }
        for (String p : prefixes) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("a search prefix cannot be empty");
            }
        }
    }

    /** A term met by a key starting with the (folded) query word. */
    public static SearchTerm word(String word) {
        return new SearchTerm(List.of(SearchKeys.wordPrefix(word)));
    }

    /** Whether the customer with these keys (sorted ascending, as {@link SearchKeys#of} gives them) meets the term. */
    public boolean matches(String[] sortedKeys) {
        for (String prefix : prefixes) {
            if (SearchKeys.hasKeyStartingWith(sortedKeys, prefix)) {
                return true;
            }
        }
        return false;
    }
}
