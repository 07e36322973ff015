package dev.crmkit.core.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.phone.PhoneParser;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.SearchKeys;
import dev.crmkit.core.spi.SearchTerm;
import dev.crmkit.core.spi.SearchTerms;
import dev.crmkit.core.text.TextFolding;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Fuzzes search text folding ({@link TextFolding}) and the splitting of a search text into terms
 * ({@link SearchTerms}); it stays in this package, where its committed inputs are.
 *
 * <p>Input: the bytes as UTF-8, or, after a leading 0 byte, as UTF-16LE so that any UTF-16 unit
 * (lone surrogates included) can occur. The committed inputs are under
 * {@code src/test/resources/dev/crmkit/core/internal/SearchTextFuzzTestInputs/searchText/}; plain
 * {@code mvn test} replays them, {@code mvn verify} also fuzzes for a few seconds (see README).
 */
class SearchTextFuzzTest {

    private static final PhoneParser TR = PhoneParser.forRegion("TR");
    private static final PhoneNumber ANY_PHONE = PhoneNumber.of("+905301234567");

    @FuzzTest(maxDuration = "10s")
    void searchText(byte[] data) {
        String text = text(data);

        String folded = TextFolding.fold(text);
        check(TextFolding.fold(folded).equals(folded), "fold is not idempotent", text, folded);
        check(folded.length() <= 3 * text.length(),
                "fold grew the text beyond its bound", text, folded);
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            check(!(c >= 'A' && c <= 'Z') && c != 'İ' && c != 'ı' && c != '\u00A0',
                    "fold left an upper-case letter, a dotless i or a no-break space", text, folded);
        }
        check(TextFolding.fold(upper(folded)).equals(folded) && TextFolding.fold(lower(folded)).equals(folded),
                "the folded text folds differently once its case is changed", text, folded);
        check(TextFolding.fold(upper(text)).equals(folded) && TextFolding.fold(lower(text)).equals(folded),
                "the text folds differently once its case is changed", text, folded);

        String key = TextFolding.foldKey(text);
        check(TextFolding.foldKey(key).equals(key), "foldKey is not idempotent", text, key);
        check(!key.startsWith(" ") && !key.endsWith(" ") && !key.contains("  "),
                "foldKey left an outer or double space", text, key);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            check(c == ' ' || Character.isLetterOrDigit(c), "foldKey left a separator", text, key);
        }

        String trimmed = TextFolding.trim(text);
        check(trimmed.isEmpty() || !TextFolding.isSpace(trimmed.charAt(0))
                        && !TextFolding.isSpace(trimmed.charAt(trimmed.length() - 1)),
                "trim left white space", text, trimmed);
        check(text.contains(trimmed), "trim is not a part of the text", text, trimmed);

        List<SearchTerm> terms = SearchTerms.of(text, TR);
        check(terms.equals(SearchTerms.of(text, TR)), "terms differ between two calls", text, terms.toString());
        if (TextFolding.isBlank(text)) {
            check(terms.isEmpty(), "a blank text has terms", text, terms.toString());
        }
        for (SearchTerm term : terms) {
            for (String prefix : term.prefixes()) {
                check(TextFolding.fold(prefix).equals(prefix), "a term is not folded", text, terms.toString());
                for (int i = 0; i < prefix.length(); i++) {
                    check(!TextFolding.isSpace(prefix.charAt(i)) && prefix.charAt(i) != '\n',
                            "a term holds white space", text, terms.toString());
                }
            }
        }
        boolean phoneQuery = isPhoneQuery(text);
        if (!phoneQuery) {
            check(terms.stream().allMatch(t -> t.prefixes().size() == 1), "a word term has alternatives", text,
                    terms.toString());
            // SPEC 2.10: searching for a customer's own name finds the customer.
            if (!folded.isBlank()) {
                CustomerRecord named = CustomerRecord.builder(text, ANY_PHONE, Instant.EPOCH).build();
                String[] keys = SearchKeys.of(named);
                for (SearchTerm term : terms) {
                    check(term.matches(keys), "a customer is not found by its own name", text, terms.toString());
                }
            }
        } else {
            check(terms.size() == 1 && terms.get(0).prefixes().get(0).chars().allMatch(c -> c >= '0' && c <= '9'),
                    "a phone query is not one term of digits", text, terms.toString());
            // SPEC 2.10: a number typed as it parses is found by that text.
            PhoneNumber phone = parsePhone(text);
            if (phone != null) {
                CustomerRecord owner = CustomerRecord.builder("x", phone, Instant.EPOCH).build();
                check(terms.get(0).matches(SearchKeys.of(owner)),
                        "the phone " + phone + " is not found by the text it was parsed from", text, terms.toString());
            }
        }
    }

    /** SPEC 2.10: only digits, spaces and {@code + - ( )}, with at least 7 digits. */
    private static boolean isPhoneQuery(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (!(TextFolding.isSpace(c) || c == '+' || c == '-' || c == '(' || c == ')')) {
                return false;
            }
        }
        return digits >= 7;
    }

    private static PhoneNumber parsePhone(String text) {
        try {
            return TR.parse(text);
        } catch (CrmValidationException e) {
            return null;
        }
    }

    /** Upper case one UTF-16 unit at a time, so that the length stays (unlike String#toUpperCase). */
    private static String upper(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toUpperCase(chars[i]);
        }
        return new String(chars);
    }

    private static String lower(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }

    static String text(byte[] data) {
        if (data.length > 0 && data[0] == 0) {
            char[] units = new char[(data.length - 1) / 2];
            for (int i = 0; i < units.length; i++) {
                units[i] = (char) ((data[1 + 2 * i] & 0xFF) | (data[2 + 2 * i] & 0xFF) << 8);
            }
            return new String(units);
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    private static void check(boolean condition, String what, String input, String output) {
        if (!condition) {
            throw new AssertionError(what + ": input [" + escape(input) + "], output [" + escape(output) + "]");
        }
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        s.chars().forEach(c -> sb.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return sb.toString();
    }
}
