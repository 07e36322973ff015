package dev.crmkit.core.importjob.internal;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.customer.NationalId;
import dev.crmkit.core.importjob.Chunk;
import dev.crmkit.core.importjob.ImportRow;
import dev.crmkit.core.importjob.RejectedRow;
import dev.crmkit.core.importjob.RowError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** How a row's errors are told: by the column's header and the cell as the user wrote it. */
final class RowErrors {

    private RowErrors() {
    }

    /** A row error naming the column (header) of the field and the cell's value. */
    static RowError of(Chunk chunk, ImportRow row, String fieldKey, ErrorCode code, String message) {
        Integer column = fieldKey == null ? null : chunk.columns().get(fieldKey);
        String header = column == null || column >= chunk.headers().size() ? fieldKey : chunk.headers().get(column);
        String value = column == null || column >= row.cells().size() ? null : row.cells().get(column);
        return new RowError(row.rowNumber(), header, value, code, message);
    }

    /**
     * The rejected row as it is stored and reported, errors left to right as a user reads the row
     * (errors of the whole row last), and its national id masked, in its cell and in any error about
     * that column, since error reports are read models like any other (an import reads the masked
     * value back as no value).
     */
    static RejectedRow rejected(Chunk chunk, ImportRow row, List<RowError> errors) {
        List<RowError> ordered = new ArrayList<>(errors);
        ordered.sort(Comparator.comparingInt(e -> {
            int i = e.column() == null ? -1 : chunk.headers().indexOf(e.column());
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        Integer column = chunk.columns().get(CustomerField.NATIONAL_ID.key());
        if (column == null || column >= row.cells().size()) {
            return new RejectedRow(row.rowNumber(), row.cells(), ordered);
        }
        List<String> cells = new ArrayList<>(row.cells());
        cells.set(column, maskCell(cells.get(column)));
        String header = column < chunk.headers().size() ? chunk.headers().get(column) : null;
        List<RowError> masked = new ArrayList<>(ordered.size());
        for (RowError e : ordered) {
            masked.add(header != null && header.equals(e.column()) && e.value() != null
                    ? new RowError(e.row(), e.column(), maskCell(e.value()), e.code(), e.message()) : e);
        }
        return new RejectedRow(row.rowNumber(), cells, masked);
    }

    private static String maskCell(String cell) {
        return cell == null || cell.isBlank() ? cell : NationalId.mask(cell.strip());
    }
}
