package dev.crmkit.core.spi;

import dev.crmkit.core.phone.PhoneParser;
import dev.crmkit.core.text.TextFolding;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * The keys a customer is found by (spec 2.10), and with {@link SearchTerm} the reference matching
 * rule every store must give: a search term is met when one of the customer's keys starts with
 * one of the term's prefixes. Stores index these keys (a word-prefix index, leading with the
 * tenant); none of them matches inside a word.
 *
 * <p>The keys, all {@linkplain TextFolding#fold folded}:
 * <ul>
 *   <li>the words of the name and the company: each run of non-blank characters, and inside it
 *       each run of letters and digits ({@code Demir-Yılmaz} gives {@code demir-yilmaz},
 *       {@code demir} and {@code yilmaz}; {@code 100%} gives {@code 100%} and {@code 100});
 *   <li>the e-mail address as one word, its domain ({@code example.com}), and each run of letters
 *       and digits in it (the parts between {@code @ . _ - +});
 *   <li>for each phone number its international digits ({@code 905301234567}), its national
 *       digits with the trunk prefix ({@code 05301234567}) and without it ({@code 5301234567}),
 *       and its {@linkplain #suffixKey suffix key}, by which a phone query finds a number by its
 *       last digits.
 * </ul>
 * Blank means white space of any kind or a control character, so no word starts with
 * {@link #SUFFIX_MARK} or {@link #COMPOUND_MARK}.
 *
 * <p>A word holding anything but letters and digits ({@code demir-yilmaz}, an e-mail address, its
 * domain, {@code 100%}) is kept as a {@linkplain #wordKey compound key}: behind {@link
 * #COMPOUND_MARK}, apart from the plain words. A query word of letters and digits only is the start
 * of a compound word exactly when it is the start of the word's first run of letters and digits,
 * which is a key of its own; so such a query looks among the plain words alone, and a query word
 * holding another character among the compound ones alone ({@link #wordPrefix}). The rule is the
 * one above; the marks only keep an index's ranges short (a common first name would otherwise
 * also range over every e-mail address that starts with it).
 */
public final class SearchKeys {

    /** The first character of a suffix key; never the first character of a word. */
    public static final char SUFFIX_MARK = '\u0001';

    /** The first character of a compound word's key. */
    public static final char COMPOUND_MARK = '\u0002';

    private SearchKeys() {
    }

    /** The customer's keys, distinct and sorted ascending (by {@link String#compareTo}). */
    public static String[] of(CustomerRecord r) {
        TreeSet<String> keys = new TreeSet<>();
        addWords(keys, r.fullName());
        if (r.company() != null) {
            addWords(keys, r.company());
        }
        if (r.email() != null) {
            String email = TextFolding.fold(r.email());
            addWords(keys, email);
            int at = email.lastIndexOf('@');
            if (at >= 0 && at + 1 < email.length()) {
                keys.add(wordKey(email.substring(at + 1)));
            }
        }
        for (PhoneRecord p : r.phones()) {
            String international = p.number().digits();
            keys.add(international);
            keys.add(PhoneParser.nationalDigits(p.number()));
            keys.add(PhoneParser.nationalSignificantDigits(p.number()));
            keys.add(suffixKey(international));
        }
        return keys.toArray(new String[0]);
    }

    /**
     * The key under which a number's digits are found by their end: {@link #SUFFIX_MARK} and the
     * digits reversed. A phone query's digits are the last digits of a number when the query's
     * suffix key is the start of the number's.
     */
    public static String suffixKey(String digits) {
        return SUFFIX_MARK + new StringBuilder(digits).reverse().toString();
    }

    /**
     * The key of a word: the word itself if it holds only letters and digits, else the word behind
     * {@link #COMPOUND_MARK}.
     */
    public static String wordKey(String word) {
        return isLettersAndDigits(word) ? word : COMPOUND_MARK + word;
    }

    /** The prefix a folded query word is looked up by among the keys (see the class comment). */
    public static String wordPrefix(String word) {
        return wordKey(word);
    }

    private static boolean isLettersAndDigits(String word) {
        for (int i = 0; i < word.length(); i += Character.charCount(word.codePointAt(i))) {
            if (!isLetterOrDigitAt(word, i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a character separates words: white space of any kind, or a control character. */
    public static boolean isBlank(char c) {
        return TextFolding.isSpace(c) || Character.isISOControl(c);
    }

    /** Whether one of the sorted keys starts with the prefix. */
    static boolean hasKeyStartingWith(String[] sortedKeys, String prefix) {
        int i = Arrays.binarySearch(sortedKeys, prefix);
        if (i >= 0) {
            return true;
        }
        int next = -i - 1;
        return next < sortedKeys.length && sortedKeys[next].startsWith(prefix);
    }

    /** Adds the folded words of a field: each run of non-blank characters and each run of letters and digits in it. */
    private static void addWords(TreeSet<String> keys, String text) {
        String folded = TextFolding.fold(text);
        int n = folded.length();
        int i = 0;
        while (i < n) {
            while (i < n && isBlank(folded.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isBlank(folded.charAt(i))) {
                i++;
            }
            if (i > start) {
                keys.add(wordKey(folded.substring(start, i)));
                addLetterAndDigitRuns(keys, folded, start, i);
            }
        }
    }

    private static void addLetterAndDigitRuns(TreeSet<String> keys, String text, int from, int to) {
        int i = from;
        while (i < to) {
            while (i < to && !isLetterOrDigitAt(text, i)) {
                i += Character.charCount(text.codePointAt(i));
            }
            int start = i;
            while (i < to && isLetterOrDigitAt(text, i)) {
                i += Character.charCount(text.codePointAt(i));
            }
            if (i > start && !(start == from && i == to)) {
                keys.add(text.substring(start, i));
            }
        }
    }

    private static boolean isLetterOrDigitAt(String text, int i) {
        return Character.isLetterOrDigit(text.codePointAt(i));
    }
}
