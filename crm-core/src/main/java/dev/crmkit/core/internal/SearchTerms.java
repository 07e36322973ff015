package dev.crmkit.core.internal;

import dev.crmkit.core.text.TextFolding;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a search text into the terms a store matches (see {@link dev.crmkit.core.spi.CustomerSearchText}).
 *
 * <p>A text made only of digits, spaces and {@code + - ( )} with at least 7 digits is one phone
 * query: its digits, without an international {@code 00}, form one term, so
 * {@code 0530 123 45 67} matches the national digits {@code 05301234567} and
 * {@code +90 530 123 45 67} the international ones. Any other text is split on whitespace and
 * each word folded; a word that another word contains adds nothing and is dropped.
 */
final class SearchTerms {

    private static final int PHONE_QUERY_MIN_DIGITS = 7;

    private SearchTerms() {
    }

    static List<String> of(String text) {
        if (text == null || TextFolding.isBlank(text)) {
            return List.of();
        }
        String phone = phoneDigits(text);
        if (phone != null) {
            return List.of(phone);
        }
        List<String> words = new ArrayList<>();
        for (String w : words(text)) {
            String folded = TextFolding.fold(w);
            if (!folded.isEmpty()) {
                words.add(folded);
            }
        }
        List<String> terms = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            boolean redundant = false;
            for (int j = 0; j < words.size() && !redundant; j++) {
                String other = words.get(j);
                redundant = j != i && other.contains(w) && (other.length() > w.length() || j < i);
            }
            if (!redundant) {
                terms.add(w);
            }
        }
        return List.copyOf(terms);
    }

    /** The words of the text, split at white space of any kind (no-break spaces included). */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean space = i == text.length() || TextFolding.isSpace(text.charAt(i));
            if (space && start >= 0) {
                words.add(text.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return words;
    }

    private static String phoneDigits(String text) {
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (!(TextFolding.isSpace(c) || c == '+' || c == '-' || c == '(' || c == ')')) {
                return null;
            }
        }
        if (digits.length() < PHONE_QUERY_MIN_DIGITS) {
            return null;
        }
        String d = digits.toString();
        return d.startsWith("00") ? d.substring(2) : d;
    }
}
