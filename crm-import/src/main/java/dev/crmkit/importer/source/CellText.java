package dev.crmkit.importer.source;

/**
 * Collects the text of one cell from parser chunks, keeping at most {@code maxChars + 1}
 * characters of it, and decodes the {@code _xHHHH_} escapes OOXML uses for characters XML cannot
 * carry (Excel writes a carriage return as {@code _x000D_}, a literal {@code _x} as
 * {@code _x005F_x}). Reused from cell to cell.
 */
final class CellText {

    private static final int ESCAPE_LENGTH = 7;

    private final int keep;
    private final StringBuilder text = new StringBuilder();
    /** Characters before this index are decoded already and cannot start an escape. */
    private int decodedUpTo;

    /** @param maxChars the longest cell that is kept whole; longer ones are cut to one character more */
    CellText(int maxChars) {
        this.keep = keep(maxChars);
    }

    /** How many characters of a cell are kept: one more than the maximum, so that too long shows. */
    static int keep(int maxChars) {
        return maxChars >= Integer.MAX_VALUE - 16 ? Integer.MAX_VALUE - 16 : maxChars + 1;
    }

    void clear() {
        text.setLength(0);
        decodedUpTo = 0;
    }

    boolean isEmpty() {
        return text.length() == 0;
    }

    void append(char[] chars, int start, int length) {
        // An escape that starts before the cut needs up to six more characters to complete.
        int limit = keep + ESCAPE_LENGTH - 1;
        for (int i = start; i < start + length && text.length() < limit; i++) {
            char c = chars[i];
            text.append(c);
            if (c == '_') {
                decodeEscapeAtEnd();
            }
        }
    }

    void append(String s) {
        append(s.toCharArray(), 0, s.length());
    }

    private void decodeEscapeAtEnd() {
        int n = text.length();
        if (n < ESCAPE_LENGTH) {
            return;
        }
        int start = n - ESCAPE_LENGTH;
        if (start < decodedUpTo || text.charAt(start) != '_' || text.charAt(start + 1) != 'x') {
            return;
        }
        int value = 0;
        for (int i = start + 2; i < n - 1; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                return;
            }
            value = value << 4 | digit;
        }
        text.setLength(start);
        text.append((char) value);
        decodedUpTo = text.length();
    }

    /** The text, cut to the maximum plus one character, never splitting a surrogate pair. */
    @Override
    public String toString() {
        return cut(text, keep);
    }

    /** The text cut to {@code keep} characters, or one more to keep a surrogate pair whole. */
    static String cut(CharSequence s, int keep) {
        int n = s.length();
        if (n <= keep) {
            return s.toString();
        }
        int end = keep;
        if (Character.isHighSurrogate(s.charAt(end - 1)) && Character.isLowSurrogate(s.charAt(end))) {
            end++;
        }
        return s.subSequence(0, end).toString();
    }
}
