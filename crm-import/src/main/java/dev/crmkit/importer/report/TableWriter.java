package dev.crmkit.importer.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;

/**
 * Writes rows of text cells as CSV (UTF-8 with BOM) or XLSX, streaming: rows are not kept in
 * memory (POI's streaming writer keeps a small window). Every cell goes through {@link
 * SpreadsheetText#neutralize}. An XLSX cell holds at most Excel's 32,767 characters, so a longer
 * text (a cell the import found too long, kept one character over the limit, or a cell of the
 * limit's length that gained an apostrophe) is cut there. Not thread-safe; close it to finish the
 * file.
 */
final class TableWriter implements AutoCloseable {

    private static final int MAX_XLSX_CELL_CHARS = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

    /** Exactly one of the two is written: the CSV printer, or the workbook and its sheet. */
    private final @Nullable CSVPrinter csv;
    private final @Nullable SXSSFWorkbook workbook;
    private final @Nullable Sheet sheet;
    private final OutputStream out;
    private int rowIndex;

    TableWriter(OutputStream out, ReportFormat format, char delimiter, String sheetName) {
        this.out = out;
        try {
            if (format == ReportFormat.CSV) {
                out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setDelimiter(delimiter).get());
                workbook = null;
                sheet = null;
            } else {
                csv = null;
                workbook = new SXSSFWorkbook(100);
                sheet = workbook.createSheet(sheetName);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void row(List<String> cells) {
        try {
            if (csv != null) {
                for (String cell : cells) {
                    csv.print(SpreadsheetText.neutralize(cell));
                }
                csv.println();
            } else if (sheet != null) {
                Row row = sheet.createRow(rowIndex++);
                for (int i = 0; i < cells.size(); i++) {
                    Cell cell = row.createCell(i);
                    cell.setCellValue(cut(SpreadsheetText.neutralize(cells.get(i))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cut(String text) {
        if (text.length() <= MAX_XLSX_CELL_CHARS) {
            return text;
        }
        int end = MAX_XLSX_CELL_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    @Override
    public void close() {
        try {
            if (csv != null) {
                csv.flush();
            } else if (workbook != null) {
                workbook.write(out);
                workbook.close();
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
