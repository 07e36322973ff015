package dev.crmkit.core.spi;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.phone.PhoneParser;
import dev.crmkit.core.text.TextFolding;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns a search text into the terms a store matches against a customer's {@linkplain SearchKeys
 * keys} (spec 2.10).
 *
 * <p>A text made only of digits, spaces and {@code + - ( )} with at least 7 digits is one phone
 * query: its digits, without an international {@code 00}, must be the start of one of a number's
 * written forms or the end of the number ({@code 222 33 44} finds {@code +902122223344}). A
 * complete number whose digits as typed are neither, such as {@code +90 (0530) 123 45 67} with the
 * trunk prefix after the country code, is also searched by the international digits of the number
 * it parses to. Any other text is split into words at blanks and each word folded; each word must
 * be the start of a key. A word that is the start of another query word adds nothing and is
 * dropped.
 *
 * <p>Core turns every search into terms this way; a store only matches them. It is public so that
 * tests and benchmarks of a store can build the same terms from the text a user types.
 */
public final class SearchTerms {

    private static final int PHONE_QUERY_MIN_DIGITS = 7;

    private SearchTerms() {
    }

    /** The terms of a search text, a phone query searched by its digits as typed only. */
    public static List<SearchTerm> of(String text) {
        return of(text, null);
    }

    /**
     * @param phones reads a phone query that is a complete number in the tenant's region; {@code null}
     *     to search by the digits as typed only
     */
    public static List<SearchTerm> of(String text, @Nullable PhoneParser phones) {
        if (text == null || TextFolding.isBlank(text)) {
            return List.of();
        }
        String phone = phoneDigits(text);
        if (phone != null) {
            List<String> prefixes = new ArrayList<>(3);
            prefixes.add(phone);
            prefixes.add(SearchKeys.suffixKey(phone));
            String parsed = phones == null ? null : parsedInstead(phone, text, phones);
            if (parsed != null) {
                prefixes.add(parsed);
            }
            return List.of(new SearchTerm(prefixes));
        }
        List<String> words = new ArrayList<>();
        for (String w : words(text)) {
            String folded = TextFolding.fold(w);
            if (!folded.isEmpty()) {
                words.add(folded);
            }
        }
        List<SearchTerm> terms = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            boolean redundant = false;
            for (int j = 0; j < words.size() && !redundant; j++) {
                String other = words.get(j);
                redundant = j != i && other.startsWith(w) && (other.length() > w.length() || j < i);
            }
            if (!redundant) {
                terms.add(SearchTerm.word(w));
            }
        }
        return List.copyOf(terms);
    }

    /** The words of the text, split at blanks (white space of any kind, control characters). */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean blank = i == text.length() || SearchKeys.isBlank(text.charAt(i));
            if (blank && start >= 0) {
                words.add(text.substring(start, i));
                start = -1;
            } else if (!blank && start < 0) {
                start = i;
            }
        }
        return words;
    }

    /**
     * The international digits of the number the text parses to, if the digits as typed are
     * neither the start of one of its written forms nor its end; else null.
     */
    private static @Nullable String parsedInstead(String digits, String text, PhoneParser phones) {
        PhoneNumber number;
        try {
            number = phones.parse(text);
        } catch (CrmValidationException e) {
            return null;
        }
        String international = number.digits();
        boolean asTyped = international.startsWith(digits) || international.endsWith(digits)
                || PhoneParser.nationalDigits(number).startsWith(digits)
                || PhoneParser.nationalSignificantDigits(number).startsWith(digits);
        return asTyped ? null : international;
    }

    private static @Nullable String phoneDigits(String text) {
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
