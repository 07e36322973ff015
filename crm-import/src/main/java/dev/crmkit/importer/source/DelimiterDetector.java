package dev.crmkit.importer.source;

import java.util.Arrays;

/**
 * Picks the delimiter of a CSV text among {@code , ; TAB |} by how each splits the first records.
 *
 * <p>Each candidate splits the sample quote-aware (a delimiter inside a quoted cell does not
 * count); records whose cells are all blank are passed over. The header (the first record left)
 * must split into more than one cell;
 * among the candidates where it does, the one with the most records splitting into as many cells as
 * the header wins, then the one giving the header more cells, then the earlier in {@code , ; TAB |}.
 * With no such candidate the file has one column and {@code ,} is as good as any.
 */
final class DelimiterDetector {

    static final char[] CANDIDATES = {',', ';', '\t', '|'};

    /** How many records that are not blank are judged. */
    static final int SAMPLE_RECORDS = 50;

    private DelimiterDetector() {
    }

    /**
     * @param text the start of the file's text
     * @param wholeText whether the text is the whole file (else its last record may be cut and is not judged)
     */
    static char detect(CharSequence text, boolean wholeText) {
        char best = ',';
        int bestConsistent = 0;
        int bestColumns = 0;
        for (char candidate : CANDIDATES) {
            int[] counts = cellCounts(text, wholeText, candidate);
            if (counts.length == 0 || counts[0] < 2) {
                continue;
            }
            int header = counts[0];
            int consistent = 0;
            for (int count : counts) {
                if (count == header) {
                    consistent++;
                }
            }
            if (consistent > bestConsistent || consistent == bestConsistent && header > bestColumns) {
                best = candidate;
                bestConsistent = consistent;
                bestColumns = header;
            }
        }
        return best;
    }

    /** The number of cells of each complete record that is not blank, up to {@link #SAMPLE_RECORDS}. */
    static int[] cellCounts(CharSequence text, boolean wholeText, char delimiter) {
        int[] counts = new int[SAMPLE_RECORDS];
        int records = 0;
        int cells = 1;
        boolean blank = true;
        boolean cellStart = true;
        boolean quoted = false;
        int i = 0;
        int n = text.length();
        while (i < n && records < SAMPLE_RECORDS) {
            char c = text.charAt(i++);
            if (quoted) {
                blank &= Character.isWhitespace(c) || c == '"';
                if (c == '"') {
                    if (i < n && text.charAt(i) == '"') {
                        i++;
                    } else if (i == n && !wholeText) {
                        return Arrays.copyOf(counts, records); // cannot tell whether it closes
                    } else {
                        quoted = false;
                    }
                }
            } else if (c == delimiter) {
                cells++;
                cellStart = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i < n && text.charAt(i) == '\n') {
                    i++;
                }
                if (!blank) {
                    counts[records++] = cells;
                }
                cells = 1;
                blank = true;
                cellStart = true;
            } else {
                if (cellStart && c == '"') {
                    quoted = true;
                }
                blank &= Character.isWhitespace(c) || c == '"';
                cellStart = false;
            }
        }
        if (records < SAMPLE_RECORDS && wholeText && !quoted && !blank) {
            counts[records++] = cells;
        }
        return Arrays.copyOf(counts, records);
    }
}
