package dev.crmkit.importer.source;

import java.util.Locale;

/** Wording shared by the CSV messages. */
final class CsvText {

    private CsvText() {
    }

    /** {@code 1234567} as {@code 1,234,567}. */
    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String rowPrefix(long row) {
        return "row " + number(row) + ": ";
    }

    /** Bytes as upper-case hex pairs separated by spaces, e.g. {@code C3 28}. */
    static String hex(byte[] bytes, int from, int length) {
        StringBuilder sb = new StringBuilder(length * 3);
        for (int i = from; i < from + length; i++) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format(Locale.ROOT, "%02X", bytes[i] & 0xff));
        }
        return sb.toString();
    }
}
