package dev.crmkit.core.importjob;

import dev.crmkit.core.text.TextFolding;
import java.util.List;

/**
 * A row an import rejected, with its original cells so the error report can repeat them.
 *
 * @param row the row number
 * @param cells the row's cells as read from the file
 * @param errors every error of the row, at least one
 */
public record RejectedRow(long row, List<String> cells, List<RowError> errors) {
    public RejectedRow {
        cells = cells.stream().map(c -> c == null ? "" : TextFolding.replaceNul(c)).toList();
        errors = List.copyOf(errors);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a rejected row has at least one error");
        }
    }
}
