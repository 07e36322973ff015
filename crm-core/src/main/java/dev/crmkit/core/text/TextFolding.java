package dev.crmkit.core.text;

import java.text.Normalizer;
import org.jspecify.annotations.Nullable;

/**
 * The one place where text is made comparable, Turkish-aware in both directions: search, header
 * matching and option matching all go through here so that they agree.
 *
 * <p>{@link #fold} lower-cases with Turkish rules and removes diacritics: {@code I}, {@code İ},
 * {@code ı} and {@code i} all become {@code i}; {@code ş ç ğ ü ö} become {@code s c g u o}; any
 * other letter with a combining mark loses the mark ({@code é} to {@code e}). So {@code ayse}
 * matches {@code Ayşe}, {@code ISIK} matches {@code Işık} and {@code istanbul} matches
 * {@code İstanbul}. Letters outside ASCII are case-folded (upper-cased, then lower-cased), so
 * that every spelling of a letter in either case folds alike: the long s {@code ſ} and {@code S}
 * both give {@code s}, the final sigma {@code ς} and {@code Σ} both give {@code σ}. Folded text is
 * at most three times as long as the text (a Hangul syllable decomposes into up to three letters;
 * text in the Latin scripts only gets shorter or stays as long). Thread-safe and allocation-free
 * for text that is already folded.
 */
public final class TextFolding {

    private TextFolding() {
    }

    /**
     * Folds text for comparison. Keeps every character that is not a letter with a diacritic;
     * whitespace and punctuation stay as they are.
     *
     * @param text any text, not {@code null}
     * @return the folded text, the same instance when nothing changed
     */
    public static String fold(String text) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                break;
            }
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder sb = new StringBuilder(n);
        sb.append(text, 0, i);
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            } else {
                appendFolded(sb, c);
            }
        }
        return sb.toString();
    }

    /**
     * Folds text for matching names and keys, such as spreadsheet headers: {@link #fold} plus
     * every run of characters that are not letters or digits becomes one space, and leading and
     * trailing ones are dropped. {@code " Adı-Soyadı "} and {@code "ADI SOYADI"} both give
     * {@code "adi soyadi"}.
     */
    public static String foldKey(String text) {
        String folded = fold(text);
        StringBuilder sb = new StringBuilder(folded.length());
        boolean pendingSpace = false;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (pendingSpace && sb.length() > 0) {
                    sb.append(' ');
                }
                pendingSpace = false;
                sb.append(c);
            } else {
                pendingSpace = true;
            }
        }
        return sb.toString();
    }

    /**
     * Whether the text holds U+0000. No text input may: no person types it, PostgreSQL cannot store
     * it, and refusing it everywhere keeps every storage adapter alike.
     */
    public static boolean hasNul(@Nullable String text) {
        return text != null && text.indexOf('\u0000') >= 0;
    }

    /**
     * Adds a VALUE_INVALID violation for each named value holding U+0000; the records that take
     * text call it with theirs.
     *
     * @param fieldsAndValues field name, value, field name, value...
     */
    public static void refuseNul(java.util.List<dev.crmkit.core.CrmValidationException.Violation> problems,
                                 @Nullable String... fieldsAndValues) {
        for (int i = 0; i + 1 < fieldsAndValues.length; i += 2) {
            if (hasNul(fieldsAndValues[i + 1])) {
                problems.add(new dev.crmkit.core.CrmValidationException.Violation(dev.crmkit.core.ErrorCode.VALUE_INVALID,
                        fieldsAndValues[i], nulMessage(fieldsAndValues[i])));
            }
        }
    }

    /**
     * The text with each U+0000 replaced by U+FFFD, the mark for an unreadable character: what
     * reports about bad input (rejected rows, row errors, warnings) keep, since they must be
     * stored whatever the input held.
     */
    public static String replaceNul(String text) {
        return hasNul(text) ? text.replace('\u0000', '\uFFFD') : text;
    }

    /** The message every refused NUL character gets. */
    public static String nulMessage(String field) {
        return field + " cannot hold the NUL character (U+0000)";
    }

    /**
     * Removes leading and trailing white space of every kind, including the no-break spaces
     * spreadsheets and web forms produce (U+00A0, U+2007, U+202F), which {@link String#strip()}
     * keeps.
     */
    public static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == text.length() ? text : text.substring(start, end);
    }

    /** Whether the text is empty or only white space of any kind (see {@link #trim}). */
    public static boolean isBlank(String text) {
        return trim(text).isEmpty();
    }

    /** Whether the character is white space of any kind, no-break spaces included. */
    public static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Whether {@code a} and {@code b} are equal once folded. */
    public static boolean equalsFolded(String a, String b) {
        return fold(a).equals(fold(b));
    }

    private static void appendFolded(StringBuilder sb, char c) {
        switch (c) {
            case 'İ', 'ı', 'Î', 'î', 'Ì', 'ì', 'Í', 'í', 'Ï', 'ï' -> sb.append('i');
            case 'Ş', 'ş' -> sb.append('s');
            case 'Ç', 'ç' -> sb.append('c');
            case 'Ğ', 'ğ' -> sb.append('g');
            case 'Ü', 'ü', 'Û', 'û' -> sb.append('u');
            case 'Ö', 'ö' -> sb.append('o');
            case 'Â', 'â' -> sb.append('a');
            case '\u00A0' -> sb.append(' ');
            default -> appendDecomposed(sb, c);
        }
    }

    private static void appendDecomposed(StringBuilder sb, char c) {
        if (Character.isSurrogate(c)) {
            sb.append(c);
            return;
        }
        String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
        for (int j = 0; j < decomposed.length(); j++) {
            char d = decomposed.charAt(j);
            // A mark is dropped unless it has a case: the iota subscript (U+0345) is an iota in
            // disguise, whose upper case is the letter Ι.
            if (Character.getType(d) == Character.NON_SPACING_MARK && Character.toUpperCase(d) == d) {
                continue;
            }
            if (d == 'I' || d == '\u0130' || d == '\u0131') {
                sb.append('i');
            } else {
                // Lower case alone would keep ſ and ς apart from the s and σ their upper case gives.
                sb.append(Character.toLowerCase(Character.toUpperCase(d)));
            }
        }
    }
}
