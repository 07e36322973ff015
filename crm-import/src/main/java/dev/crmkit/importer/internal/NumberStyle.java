package dev.crmkit.importer.internal;

import dev.crmkit.core.ErrorCode;
import java.math.BigDecimal;

/**
 * Reads numbers written as {@code 1234.56}, {@code 1.234,56} (Turkish) or {@code 1,234.56}
 * (English), deciding per file, never per cell: the first cell whose separators show which
 * convention it follows fixes the file's convention; a later cell that contradicts it is an
 * error, and so is a cell that could be read both ways ({@code 1.234}) before anything fixed it.
 * One instance reads one file; not thread-safe.
 */
final class NumberStyle {

    /** The decimal separator once known: {@code ','} (Turkish) or {@code '.'} (English); 0 while unknown. */
    private char decimal;

    NumberStyle() {
        this((char) 0);
    }

    /** A style fixed in advance by the caller: {@code ','} or {@code '.'}, or 0 to detect. */
    NumberStyle(char decimal) {
        if (decimal != 0 && decimal != ',' && decimal != '.') {
            throw new IllegalArgumentException("the decimal separator is ',' or '.'");
        }
        this.decimal = decimal;
    }

    char decimalSeparator() {
        return decimal;
    }

    CellValue<BigDecimal> read(String cell) {
        String text = strip(cell);
        if (text.isEmpty()) {
            return CellValue.blank();
        }
        boolean negative = false;
        int start = 0;
        if (text.charAt(0) == '-' || text.charAt(0) == '+') {
            negative = text.charAt(0) == '-';
            start = 1;
        }
        int dots = 0;
        int commas = 0;
        int lastDot = -1;
        int lastComma = -1;
        int digits = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.') {
                dots++;
                lastDot = i;
            } else if (c == ',') {
                commas++;
                lastComma = i;
            } else if (c == ' ' || c == '\u00A0' || c == '\'') {
                // Grouping spaces and apostrophes carry no meaning.
                continue;
            } else {
                return invalid(cell);
            }
        }
        if (digits == 0) {
            return invalid(cell);
        }
        char found = decimalOf(text, dots, commas, lastDot, lastComma);
        if (found == '?') {
            return invalid(cell);
        }
        if (found == 'A') {
            if (decimal == 0) {
                return CellValue.error(ErrorCode.VALUE_INVALID, "'" + cut(cell) + "' can be read as "
                        + "a whole number or a fraction; write it without a thousands separator or with decimals");
            }
            found = decimal;
        } else if (found != 0) {
            if (decimal == 0) {
                decimal = found;
            } else if (found != decimal) {
                return CellValue.error(ErrorCode.VALUE_INVALID, "'" + cut(cell) + "' uses '" + found
                        + "' as decimal separator but this file uses '" + decimal + "'");
            }
        }
        StringBuilder plain = new StringBuilder(text.length() + 1);
        if (negative) {
            plain.append('-');
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                plain.append(c);
            } else if (c == found && found != 0) {
                plain.append('.');
            }
        }
        try {
            return CellValue.of(new BigDecimal(plain.toString()));
        } catch (NumberFormatException e) {
            return invalid(cell);
        }
    }

    /**
     * What the separators say: {@code ','} or {@code '.'} as the decimal separator, 0 for a whole
     * number (no separator, or only thousands groups), {@code 'A'} for ambiguous, {@code '?'} for
     * malformed.
     */
    private static char decimalOf(String text, int dots, int commas, int lastDot, int lastComma) {
        if (dots == 0 && commas == 0) {
            return 0;
        }
        if (dots > 0 && commas > 0) {
            char dec = lastDot > lastComma ? '.' : ',';
            char group = dec == '.' ? ',' : '.';
            int decCount = dec == '.' ? dots : commas;
            if (decCount != 1 || !groupedCorrectly(text, group, Math.max(lastDot, lastComma))) {
                return '?';
            }
            return dec;
        }
        char sep = dots > 0 ? '.' : ',';
        int count = Math.max(dots, commas);
        if (count > 1) {
            // "1.234.567": only a thousands separator repeats.
            return groupedCorrectly(text, sep, text.length()) ? (sep == '.' ? ',' : '.') : '?';
        }
        int last = Math.max(lastDot, lastComma);
        int after = countDigits(text, last + 1, text.length());
        int before = countDigits(text, 0, last);
        boolean leadingZero = before == 1 && text.charAt(text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0) == '0';
        if (after == 3 && before >= 1 && before <= 3 && !leadingZero) {
            return 'A';
        }
        return sep;
    }

    /** Whether every group separated by {@code group} before {@code end} has three digits (the first 1..3). */
    private static boolean groupedCorrectly(String text, char group, int end) {
        int groupLength = -1;
        int run = 0;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                run++;
            } else if (c == group) {
                if ((groupLength == -1 && (run < 1 || run > 3)) || (groupLength != -1 && run != 3)) {
                    return false;
                }
                groupLength = run;
                run = 0;
            }
        }
        return groupLength == -1 || run == 3;
    }

    private static int countDigits(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                n++;
            }
        }
        return n;
    }

    /** Drops surrounding space and a currency mark Turkish files often carry. */
    private static String strip(String cell) {
        String s = dev.crmkit.core.text.TextFolding.trim(cell);
        for (String mark : new String[] {"₺", "TL", "TRY", "$", "€", "USD", "EUR"}) {
            if (s.endsWith(mark)) {
                s = dev.crmkit.core.text.TextFolding.trim(s.substring(0, s.length() - mark.length()));
            } else if (s.startsWith(mark)) {
                s = dev.crmkit.core.text.TextFolding.trim(s.substring(mark.length()));
            }
        }
        return s;
    }

    private static CellValue<BigDecimal> invalid(String cell) {
        return CellValue.error(ErrorCode.VALUE_INVALID, "'" + cut(cell) + "' is not a number");
    }

    static String cut(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100);
    }
}
