package dev.crmkit.core.internal;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.phone.PhoneParser;
import dev.crmkit.core.text.TextFolding;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a search text into the terms a store matches (see {@link dev.crmkit.core.spi.CustomerSearchText}).
 *
 * <p>A text made only of digits, spaces and {@code + - ( )} with at least 7 digits is one phone
 * query: its digits, without an international {@code 00}, form one term, so
 * {@code 0530 123 45 67} matches the national digits {@code 05301234567} and
 * {@code +90 530 123 45 67} the international ones. A complete number whose digits as typed occur
 * in neither form, such as {@code +90 (0530) 123 45 67} with the trunk prefix after the country
 * code, is searched by the international digits of the number it parses to. Any other text is
 * split on whitespace and each word folded; a word that another word contains adds nothing and is
 * dropped.
 */
final class SearchTerms {

    private static final int PHONE_QUERY_MIN_DIGITS = 7;

    private SearchTerms() {
    }

    static List<String> of(String text) {
        return of(text, null);
    }

    /**
     * @param phones reads a phone query that is a complete number in the tenant's region; {@code null}
     *     to search by the digits as typed only
     */
    static List<String> of(String text, PhoneParser phones) {
        if (text == null || TextFolding.isBlank(text)) {
            return List.of();
        }
        String phone = phoneDigits(text);
        if (phone != null) {
            return List.of(phones == null ? phone : asStored(phone, text, phones));
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

    /**
     * The digits as typed if a stored number can contain them, else the international digits of
     * the number the text parses to (the digits as typed when it does not parse).
     */
    private static String asStored(String digits, String text, PhoneParser phones) {
        PhoneNumber number;
        try {
            number = phones.parse(text);
        } catch (CrmValidationException e) {
            return digits;
        }
        String international = number.digits();
        return international.contains(digits) || PhoneParser.nationalDigits(number).contains(digits)
                ? digits : international;
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
