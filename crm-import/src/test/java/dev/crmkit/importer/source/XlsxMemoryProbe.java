package dev.crmkit.importer.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Reads a large workbook in its own (small) JVM, checking every value, and prints the heap in use
 * after a full collection at row 10,000 and after the last row (the source still open), so that a
 * test can check that memory does not grow with the number of rows.
 */
final class XlsxMemoryProbe {

    private XlsxMemoryProbe() {
    }

    /** A customer list with shared strings, numeric phones, dates and amounts. */
    static void write(Path file, int rows) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(null, 100, true, true)) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat((short) 14);
            SXSSFSheet sheet = wb.createSheet("Müşteriler");
            XlsxFixtures.cells(sheet.createRow(0), "Ad Soyad", "Telefon", "Kayıt Tarihi", "Tutar", "Segment");
            LocalDate start = LocalDate.of(2020, 1, 1);
            for (int i = 1; i < rows; i++) {
                Row row = sheet.createRow(i);
                row.createCell(0).setCellValue("Müşteri " + i);
                row.createCell(1).setCellValue(905300000000L + i);
                row.createCell(2).setCellValue(start.plusDays(i % 1500));
                row.getCell(2).setCellStyle(date);
                row.createCell(3).setCellValue(i * 1.5);
                row.createCell(4).setCellValue(i % 3 == 0 ? "VİP" : "Normal");
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        long heapAt10k = -1;
        long heapAtEnd = -1;
        long rows = 0;
        try (XlsxSource source = XlsxSource.open(Path.of(args[0]), SourceOptions.DEFAULT)) {
            for (SourceRecord r = source.next(); r != null; r = source.next()) {
                rows++;
                if (rows > 1) {
                    long i = rows - 1;
                    List<String> expected = List.of("Müşteri " + i, Long.toString(905300000000L + i),
                            LocalDate.of(2020, 1, 1).plusDays(i % 1500).toString(),
                            new java.math.BigDecimal(Double.toString(i * 1.5)).stripTrailingZeros().toPlainString(),
                            i % 3 == 0 ? "VİP" : "Normal");
                    if (!r.cells().equals(expected)) {
                        throw new AssertionError("row " + r.rowNumber() + ": " + r.cells() + " instead of " + expected);
                    }
                }
                if (rows == 10_000) {
                    heapAt10k = usedHeap();
                }
            }
            // Still open, after the last row.
            heapAtEnd = usedHeap();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("rows=" + rows + " heapAt10k=" + heapAt10k + " heapAtEnd=" + heapAtEnd + " millis=" + millis
                + " maxHeap=" + Runtime.getRuntime().maxMemory());
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    record Result(long rows, long heapAt10k, long heapAtEnd, long millis, long maxHeap) {

        private static final Pattern LINE = Pattern.compile(
                "rows=(\\d+) heapAt10k=(\\d+) heapAtEnd=(\\d+) millis=(\\d+) maxHeap=(\\d+)");

        static Result parse(String output) {
            Matcher m = LINE.matcher(output);
            if (!m.find()) {
                throw new AssertionError("no result in: " + output);
            }
            return new Result(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4)), Long.parseLong(m.group(5)));
        }
    }
}
