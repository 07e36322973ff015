package dev.crmkit.cli.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of text in aligned columns. Widths count what a terminal shows: letters written with a
 * combining mark (an {@code i} plus a dot above) take one column, as their composed form does.
 *
 * <p>A table too long to hold is printed in two passes over its rows: {@link #measure} each row,
 * then {@link #header()} and {@link #line} each row again.
 */
public final class TextTable {

    private static final String GAP = "  ";

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final int[] widths;

    public TextTable(String... headers) {
        this.headers = List.of(headers);
        this.widths = new int[headers.length];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = width(headers[i]);
        }
    }

    /** Adds a row, to be printed by {@link #render}. */
    public TextTable row(String... cells) {
        rows.add(measure(cells));
        return this;
    }

    /** Widens the columns to fit a row without keeping it; returns the row as it is printed. */
    public List<String> measure(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>(cells.length);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i] == null ? "" : oneLine(cells[i]);
            widths[i] = Math.max(widths[i], width(c));
            row.add(c);
        }
        return row;
    }

    /** The header line, aligned to the rows measured so far. */
    public String header() {
        StringBuilder sb = new StringBuilder();
        line(sb, headers, widths);
        return sb.toString();
    }

    /** A row's line, aligned to the rows measured so far (the row must be one of them). */
    public String line(String... cells) {
        int[] before = widths.clone();
        List<String> row = measure(cells);
        if (!java.util.Arrays.equals(before, widths)) {
            throw new IllegalStateException("the row was not measured before: " + row);
        }
        StringBuilder sb = new StringBuilder();
        line(sb, row, widths);
        return sb.toString();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table, header first, each line ending with a line break; trailing blanks trimmed. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        line(sb, headers, widths);
        for (List<String> row : rows) {
            line(sb, row, widths);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] widths) {
        int start = sb.length();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            sb.append(c);
            if (i < cells.size() - 1) {
                sb.append(" ".repeat(widths[i] - width(c))).append(GAP);
            }
        }
        int end = sb.length();
        while (end > start && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
        sb.append('\n');
    }

    /** Columns the text takes on a terminal: code points of its composed form, without marks. */
    static int width(String s) {
        String composed = Normalizer.normalize(s, Normalizer.Form.NFC);
        int w = 0;
        for (int i = 0; i < composed.length(); ) {
            int cp = composed.codePointAt(i);
            int type = Character.getType(cp);
            if (type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK && type != Character.FORMAT) {
                w++;
            }
            i += Character.charCount(cp);
        }
        return w;
    }

    /** Line breaks and tabs in a cell would break the columns: each becomes one space ({@code \r\n} too). */
    private static String oneLine(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                continue;
            }
            sb.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
        }
        return sb.toString();
    }
}
