package dev.crmkit.importer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a fuzzer's bytes into text the way the text fuzz tests of this module read them, so that
 * their committed inputs are plain UTF-8 files: the bytes as UTF-8, or, after a leading 0 byte,
 * as UTF-16LE units, so that any UTF-16 unit (lone surrogates too) can occur.
 */
public final class FuzzInput {

    private FuzzInput() {
    }

    public static String text(byte[] data) {
        if (data.length > 0 && data[0] == 0) {
            char[] units = new char[(data.length - 1) / 2];
            for (int i = 0; i < units.length; i++) {
                units[i] = (char) ((data[1 + 2 * i] & 0xFF) | (data[2 + 2 * i] & 0xFF) << 8);
            }
            return new String(units);
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    /** The text's lines (split at LF only, so a CR stays part of its line), at most {@code max}. */
    public static List<String> lines(byte[] data, int max) {
        List<String> lines = new ArrayList<>();
        String text = text(data);
        int start = 0;
        while (lines.size() < max) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                lines.add(text.substring(start));
                break;
            }
            lines.add(text.substring(start, end));
            start = end + 1;
        }
        return lines;
    }

    /** A character as {@code \\uXXXX} when it is not printable ASCII, for messages. */
    public static String escape(Object value) {
        StringBuilder sb = new StringBuilder();
        String.valueOf(value).chars().forEach(c -> sb.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c)
                : String.valueOf((char) c)));
        return sb.toString();
    }
}
