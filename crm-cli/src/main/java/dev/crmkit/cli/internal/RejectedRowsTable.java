package dev.crmkit.cli.internal;

import dev.crmkit.core.importjob.RejectedRow;
import dev.crmkit.core.importjob.RowError;
import dev.crmkit.importer.ImportReport;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The table of rejected rows' errors the tool prints: one line per error, naming row, column and value. */
public final class RejectedRowsTable {

    /** Lines printed at a time when a whole job's errors are printed. */
    private static final int LINES_PER_WRITE = 1_000;

    private RejectedRowsTable() {
    }

    /** The rejected rows an import prints; a file of a million rows may have tens of thousands. */
    public static final int ROWS_SHOWN = 20;

    /**
     * The errors of the first {@value #ROWS_SHOWN} rejected rows of the report, then a line saying
     * how many more rows there are and how to get them all; nothing if no row was rejected.
     */
    public static String first(String fileName, ImportReport report) {
        TextTable table = table();
        Set<Long> rows = new HashSet<>();
        for (RowError e : report.firstErrors()) {
            if (!rows.contains(e.row()) && rows.size() == ROWS_SHOWN) {
                break;
            }
            rows.add(e.row());
            table.row(cells(e));
        }
        if (table.isEmpty()) {
            return "";
        }
        String text = title(fileName) + table.render();
        long more = report.rejected() - rows.size();
        if (more > 0) {
            text += "... and " + Values.count(more) + (more == 1 ? " more rejected row" : " more rejected rows")
                    + ": all of them with --errors FILE (a CSV or XLSX report), or with: crm jobs show "
                    + report.jobId() + "\n";
        }
        return text;
    }

    private static TextTable table() {
        return new TextTable("ROW", "COLUMN", "VALUE", "CODE", "MESSAGE");
    }

    private static String title(String fileName) {
        return "\nRejected rows of " + fileName + ":\n";
    }

    /**
     * Prints every error of a job's rejected rows, aligned, in bounded memory: a first pass over
     * the rows measures the columns, a second prints them (up to the last row the first saw: a
     * running job may have stored more since). Nothing if there are none.
     *
     * @param rows the rejected rows, read afresh for each pass
     */
    public static void print(Output out, String fileName, Supplier<Stream<RejectedRow>> rows) {
        TextTable table = table();
        long[] last = {0};
        try (Stream<RejectedRow> first = rows.get()) {
            first.forEach(row -> {
                row.errors().forEach(e -> table.measure(cells(e)));
                last[0] = row.row();
            });
        }
        if (last[0] == 0) {
            return;
        }
        StringBuilder text = new StringBuilder(title(fileName)).append(table.header());
        int[] lines = {0};
        try (Stream<RejectedRow> second = rows.get()) {
            second.takeWhile(row -> row.row() <= last[0]).forEach(row -> row.errors().forEach(e -> {
                text.append(table.line(cells(e)));
                if (++lines[0] % LINES_PER_WRITE == 0) {
                    out.text(text.toString());
                    text.setLength(0);
                }
            }));
        }
        if (!text.isEmpty()) {
            out.text(text.toString());
        }
    }

    private static String[] cells(RowError e) {
        return new String[] {String.valueOf(e.row()), e.column(), e.value(), e.code().name(), e.message()};
    }
}
