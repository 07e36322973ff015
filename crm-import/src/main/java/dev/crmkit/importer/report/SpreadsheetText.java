package dev.crmkit.importer.report;

/**
 * Makes cell text safe for spreadsheets: a cell starting with {@code =}, {@code +}, {@code -} or
 * {@code @} (or a tab or carriage return, which some programs skip before one) gets a leading
 * apostrophe, so no spreadsheet runs it as a formula. The importer drops one leading apostrophe
 * from every cell, so such a file imports again unchanged.
 */
public final class SpreadsheetText {

    private SpreadsheetText() {
    }

    public static String neutralize(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }
}
