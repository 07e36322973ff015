package dev.crmkit.importer.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;

/**
 * Writes rows of text cells as CSV (UTF-8 with BOM) or XLSX, streaming: rows are not kept in
 * memory (POI's streaming writer keeps a small window). Every cell goes through {@link
 * SpreadsheetText#neutralize}. An XLSX cell holds at most Excel's 32,767 characters, so a longer
 * text (a cell the import found too long, kept one character over the limit, or a cell of the
 * limit's length that gained an apostrophe) is cut there. The first row is the header: an XLSX
 * sheet holds {@value #MAX_XLSX_ROWS} rows, so rows beyond go on a further sheet ({@code "Hatalar
 * (2)"}) that starts with the header again. Not thread-safe; close it to finish the file.
 */
final class TableWriter implements AutoCloseable {

    private static final int MAX_XLSX_CELL_CHARS = SpreadsheetVersion.EXCEL2007.getMaxTextLength();
    static final int MAX_XLSX_ROWS = 1_048_576;

    /** Exactly one of the two is written: the CSV printer, or the workbook and its sheet. */
    private final @Nullable CSVPrinter csv;
    private final @Nullable SXSSFWorkbook workbook;
    private @Nullable Sheet sheet;
    private final OutputStream out;
    private final String sheetName;
    private @Nullable List<String> header;
    private int rowIndex;
    private int sheets = 1;
    private final int rowsPerSheet;
    /** The lists of values offered in columns of the first sheet, by column, until the file is finished. */
    private final Map<Integer, Choices> choices = new TreeMap<>();

    /** The values offered in one column, and the column's header (the long lists' sheet names them). */
    private record Choices(String title, List<String> values) {
    }

    /** The sheet holding lists too long for a dropdown's own text. */
    static final String LISTS_SHEET = "Listeler";

    /** Excel keeps a dropdown's own list in a formula of at most 255 characters. */
    private static final int MAX_INLINE_LIST_CHARS = 255;

    TableWriter(OutputStream out, ReportFormat format, char delimiter, String sheetName) {
        this(out, format, delimiter, sheetName, MAX_XLSX_ROWS);
    }

    /** With fewer rows per XLSX sheet than Excel's limit, so that a test sees the next sheet begin. */
    TableWriter(OutputStream out, ReportFormat format, char delimiter, String sheetName, int rowsPerSheet) {
        if (rowsPerSheet < 2 || rowsPerSheet > MAX_XLSX_ROWS) {
            throw new IllegalArgumentException("rows per sheet: 2.." + MAX_XLSX_ROWS);
        }
        this.rowsPerSheet = rowsPerSheet;
        this.out = out;
        this.sheetName = sheetName;
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
            } else if (workbook != null && sheet != null) {
                if (rowIndex == rowsPerSheet && header != null) {
                    sheet = workbook.createSheet(sheetName + " (" + ++sheets + ")");
                    rowIndex = 0;
                    cells(sheet.createRow(rowIndex++), header);
                }
                cells(sheet.createRow(rowIndex++), cells);
            }
            if (header == null) {
                header = List.copyOf(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Offers a dropdown of {@code values} in a column of the first sheet, below its header (XLSX;
     * a CSV has none). Excel refuses other text typed into the column; blank stays allowed. A list
     * too long for Excel's 255 characters, or with a value holding a comma or a quote, is kept on
     * the {@value #LISTS_SHEET} sheet under {@code title}.
     */
    void choices(int column, String title, List<String> values) {
        if (workbook != null && !values.isEmpty()) {
            choices.put(column, new Choices(title, List.copyOf(values)));
        }
    }

    /** Writes the long lists' sheet and the first sheet's dropdowns. */
    private void writeChoices(SXSSFWorkbook book) {
        Sheet first = book.getSheetAt(0);
        DataValidationHelper helper = first.getDataValidationHelper();
        List<Choices> onSheet = new ArrayList<>();
        Map<Integer, String> ranges = new TreeMap<>();
        for (Map.Entry<Integer, Choices> e : choices.entrySet()) {
            if (!fitsInline(e.getValue().values())) {
                String letter = CellReference.convertNumToColString(onSheet.size());
                ranges.put(e.getKey(), "'" + LISTS_SHEET + "'!$" + letter + "$2:$" + letter + "$"
                        + (e.getValue().values().size() + 1));
                onSheet.add(e.getValue());
            }
        }
        if (!onSheet.isEmpty()) {
            Sheet lists = book.createSheet(LISTS_SHEET);
            int rows = onSheet.stream().mapToInt(c -> c.values().size()).max().orElse(0);
            for (int r = 0; r <= rows; r++) {
                Row row = lists.createRow(r);
                for (int c = 0; c < onSheet.size(); c++) {
                    List<String> values = onSheet.get(c).values();
                    if (r == 0) {
                        row.createCell(c).setCellValue(cut(SpreadsheetText.neutralize(onSheet.get(c).title())));
                    } else if (r <= values.size()) {
                        row.createCell(c).setCellValue(cut(SpreadsheetText.neutralize(values.get(r - 1))));
                    }
                }
            }
        }
        for (Map.Entry<Integer, Choices> e : choices.entrySet()) {
            int column = e.getKey();
            Choices c = e.getValue();
            DataValidationConstraint constraint = ranges.containsKey(column)
                    ? helper.createFormulaListConstraint(ranges.get(column))
                    : helper.createExplicitListConstraint(c.values().toArray(String[]::new));
            DataValidation validation = helper.createValidation(constraint,
                    new CellRangeAddressList(1, rowsPerSheet - 1, column, column));
            validation.setEmptyCellAllowed(true);
            // Backwards on purpose: POI writes showDropDown = !suppress, and Excel hides the
            // arrow when showDropDown is set, so true here is what shows the dropdown's arrow.
            validation.setSuppressDropDownArrow(true);
            validation.setShowErrorBox(true);
            validation.setErrorStyle(DataValidation.ErrorStyle.STOP);
            String where = ranges.containsKey(column) ? " (" + LISTS_SHEET + " sayfasında / on the " + LISTS_SHEET
                    + " sheet)" : ": " + String.join(", ", c.values());
            // Excel refuses a file whose error box has a title over 32 or a text over 255 characters.
            validation.createErrorBox(cut(c.title(), 32), cut("Listeden bir değer seçin / choose a value from the list"
                    + where, 255));
            first.addValidationData(validation);
        }
    }

    /** Whether Excel can keep the list in the dropdown's own formula: short, no comma or quote, nothing to neutralise. */
    private static boolean fitsInline(List<String> values) {
        int chars = values.size() - 1;
        for (String v : values) {
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || !SpreadsheetText.neutralize(v).equals(v)) {
                return false;
            }
            chars += v.length();
        }
        return chars <= MAX_INLINE_LIST_CHARS;
    }


    private static void cells(Row row, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(cut(SpreadsheetText.neutralize(cells.get(i))));
        }
    }

    private static String cut(String text) {
        return cut(text, MAX_XLSX_CELL_CHARS);
    }

    /** The text cut to {@code max} characters, never between the two halves of a surrogate pair. */
    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
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
                if (!choices.isEmpty()) {
                    writeChoices(workbook);
                }
                workbook.write(out);
                workbook.close();
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
