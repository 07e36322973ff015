package dev.crmkit.importer.report;

/**
 * Makes cell text safe for spreadsheets: a cell starting with {@code =}, {@code +}, {@code -} or
 * {@code @}, with a tab, carriage return or line feed (which some programs skip before one), or
 * with a full-width {@code ＝ ＋ － ＠} (which Excel in East Asian locales takes as the ASCII
 * operator when a cell is typed or a file opened) gets a leading apostrophe, so no spreadsheet runs
 * it as a formula. The importer drops one leading apostrophe from every cell, so such a file
 * imports again unchanged.
 */
public final class SpreadsheetText {

    private SpreadsheetText() {
    }

    public static String neutralize(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        return startsFormula(cell.charAt(0)) ? "'" + cell : cell;
    }

    private static boolean startsFormula(char c) {
        return switch (c) {
            case '=', '+', '-', '@', '\t', '\r', '\n', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> true;
            default -> false;
        };
    }
}
