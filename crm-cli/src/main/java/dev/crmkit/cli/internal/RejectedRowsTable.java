package dev.crmkit.cli.internal;

import dev.crmkit.core.importjob.RejectedRow;
import dev.crmkit.core.importjob.RowError;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The table of rejected rows' errors the tool prints: one line per error, naming row, column and value. */
public final class RejectedRowsTable {

    /** Lines printed at a time when a whole job's errors are printed. */
    private static final int LINES_PER_WRITE = 1_000;

    private RejectedRowsTable() {
    }

    public static TextTable table() {
        return new TextTable("ROW", "COLUMN", "VALUE", "CODE", "MESSAGE");
    }

    public static String title(String fileName) {
        return "\nRejected rows of " + fileName + ":\n";
    }

    public static void add(TextTable table, RowError e) {
        table.row(cells(e));
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
