package dev.crmkit.importer.report;

import dev.crmkit.core.importjob.RejectedRow;
import dev.crmkit.core.importjob.RowError;
import dev.crmkit.importer.mapping.HeaderMapper;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes the error report of an import (SPEC 3.5): the header row, then one line per rejected row
 * in the file's order with the row's original cells, followed by {@code row}, {@code column},
 * {@code code} and {@code message} (several errors of a row joined with {@code " | "}). The report
 * can be corrected and imported again as it is: the importer ignores the four report columns.
 * Columns the reader may not see are left out.
 */
public final class ErrorReportWriter {

    private static final String JOIN = " | ";

    private ErrorReportWriter() {
    }

    /**
     * @param headers the file's header cells
     * @param hiddenColumns 0-based columns to leave out (custom fields the reader may not see)
     * @param rows the rejected rows, in file order
     * @param delimiter the CSV delimiter (the source file's, so a Turkish Excel opens it); ignored for XLSX
     */
    public static void write(OutputStream out, ReportFormat format, char delimiter, List<String> headers,
                             Set<Integer> hiddenColumns, Iterable<RejectedRow> rows) {
        Objects.requireNonNull(out, "out");
        try (TableWriter table = new TableWriter(out, format, delimiter, "Hatalar")) {
            List<String> head = visible(headers, hiddenColumns, headers.size());
            head.addAll(HeaderMapper.REPORT_COLUMNS);
            table.row(head);
            for (RejectedRow row : rows) {
                List<String> line = visible(row.cells(), hiddenColumns, headers.size());
                line.add(Long.toString(row.row()));
                line.add(join(row.errors(), e -> e.column() == null ? "" : e.column()));
                line.add(join(row.errors(), e -> e.code().name()));
                line.add(join(row.errors(), RowError::message));
                table.row(line);
            }
        }
    }

    private static List<String> visible(List<String> cells, Set<Integer> hidden, int width) {
        List<String> out = new ArrayList<>(width + 4);
        for (int i = 0; i < width; i++) {
            if (!hidden.contains(i)) {
                out.add(i < cells.size() ? cells.get(i) : "");
            }
        }
        return out;
    }

    private static String join(List<RowError> errors, java.util.function.Function<RowError, String> part) {
        StringBuilder sb = new StringBuilder();
        for (RowError e : errors) {
            if (sb.length() > 0) {
                sb.append(JOIN);
            }
            sb.append(part.apply(e));
        }
        return sb.toString();
    }
}
