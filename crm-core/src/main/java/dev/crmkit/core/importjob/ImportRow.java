package dev.crmkit.core.importjob;

import dev.crmkit.core.customer.NewCustomer;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One row of a file, read and parsed by an importer, for core to validate and store.
 *
 * @param rowNumber the row number as a spreadsheet shows it
 * @param cells the original cells, for the error report
 * @param values the parsed values; {@code null} where the cell was blank or could not be read
 * @param cleared field keys whose cell held the clear token: in UPDATE mode they are emptied
 * @param errors what the importer already found wrong (unreadable cells); core adds its own
 * @param failedFields field keys the importer could not read, which core therefore does not check
 *     again (so a row with an unreadable phone is not also reported as having none)
 */
public record ImportRow(long rowNumber, List<String> cells, NewCustomer values, Set<String> cleared,
                        List<RowError> errors, Set<String> failedFields) {
    public ImportRow {
        Objects.requireNonNull(values, "values");
        cells = List.copyOf(cells);
        cleared = Set.copyOf(cleared);
        errors = List.copyOf(errors);
        failedFields = Set.copyOf(failedFields);
    }

    /**
     * Leaves the cells out (they hold the file's raw values, a national id among them); the parsed
     * values are shown as {@link NewCustomer} shows them, masked.
     */
    @Override
    public String toString() {
        return "ImportRow[rowNumber=" + rowNumber + ", cells=" + cells.size() + ", values=" + values + ", cleared="
                + cleared + ", errors=" + errors + ", failedFields=" + failedFields + "]";
    }
}
