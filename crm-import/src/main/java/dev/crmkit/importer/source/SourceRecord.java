package dev.crmkit.importer.source;

import java.util.List;

/**
 * One record of a file: the row number a spreadsheet program shows for it and its cells as the
 * user sees them.
 *
 * <p>Cells are text: a numeric spreadsheet cell as its exact decimal digits ({@code 905301234567},
 * never {@code 9.05301234567E11}; {@code 1234.5}), a date cell as ISO {@code yyyy-MM-dd} (with
 * {@code THH:mm[:ss]} when it has a time of day), a boolean as {@code TRUE}/{@code FALSE}, a
 * formula as its cached result, rich text as the concatenation of its runs. A missing cell is
 * {@code ""}; trailing missing cells may be absent from the list.
 *
 * @param rowNumber 1-based, counting every record of the file including empty ones
 * @param cells the cells from the first column on
 */
public record SourceRecord(long rowNumber, List<String> cells) {

    public SourceRecord {
        if (rowNumber < 1) {
            throw new IllegalArgumentException("row numbers start at 1: " + rowNumber);
        }
        cells = List.copyOf(cells);
    }

    /** The cell of the given 0-based column, {@code ""} beyond the last one. */
    public String cell(int column) {
        return column < cells.size() ? cells.get(column) : "";
    }

    /** Whether every cell is blank. */
    public boolean isBlank() {
        for (String c : cells) {
            if (!dev.crmkit.core.text.TextFolding.isBlank(c)) {
                return false;
            }
        }
        return true;
    }
}
