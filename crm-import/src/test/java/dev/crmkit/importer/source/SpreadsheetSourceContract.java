package dev.crmkit.importer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.importer.ImportFileException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What both spreadsheet readers do alike, run on a workbook POI writes in each format: a user
 * who saves the same sheet as .xlsx or as .xls gets the same rows and the same refusals.
 */
abstract class SpreadsheetSourceContract {

    @TempDir
    Path dir;

    /** A new, empty workbook of the reader's format. */
    protected abstract Workbook newWorkbook();

    /** The file name's extension, with its dot. */
    protected abstract String extension();

    /**
     * The saved file as Excel would have written its numbers: XLS holds the doubles themselves,
     * while Excel writes an XLSX number with the 17 significant digits that round-trip it
     * ({@code 41800000.009999998}), not the shortest form POI writes.
     */
    protected Path asExcelWritesNumbers(Path file) throws IOException {
        return file;
    }

    private Path save(Workbook wb) throws IOException {
        Path file = dir.resolve("kitap" + extension());
        try (OutputStream out = Files.newOutputStream(file)) {
            wb.write(out);
        }
        wb.close();
        return file;
    }

    /** A workbook whose sheets each hold one cell: their own name. */
    private Path sheets(String... names) throws IOException {
        Workbook wb = newWorkbook();
        for (String name : names) {
            wb.createSheet(name).createRow(0).createCell(0).setCellValue("on " + name);
        }
        return save(wb);
    }

    private static List<List<String>> read(Path file, SourceOptions options) {
        List<List<String>> rows = new ArrayList<>();
        try (RecordSource source = Sources.open(file, options)) {
            for (SourceRecord r = source.next(); r != null; r = source.next()) {
                rows.add(r.cells());
            }
        }
        return rows;
    }

    @Test
    void aNumberIsGivenAsExcelShowsIt() throws IOException {
        double[] values = {41800000.01, 0.1 + 0.2, 905301234567d, 1250.5, -12.75, 123456789012345678d, 1e-7};
        Workbook wb = newWorkbook();
        Row row = wb.createSheet("Sayılar").createRow(0);
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
        Path file = asExcelWritesNumbers(save(wb));

        assertThat(read(file, SourceOptions.DEFAULT)).containsExactly(List.of("41800000.01", "0.3", "905301234567",
                "1250.5", "-12.75", "123456789012346000", "0.0000001"));
    }

    @Test
    void aSheetIsChosenByExactNameThenByNameIgnoringCaseAndTurkishLetters() throws IOException {
        Path file = sheets("Özet", "Müşteriler", "IŞIK");
        assertThat(read(file, SourceOptions.DEFAULT.withSheetName("Müşteriler"))).containsExactly(List.of("on Müşteriler"));
        assertThat(read(file, SourceOptions.DEFAULT.withSheetName(" musteriler "))).containsExactly(List.of("on Müşteriler"));
        assertThat(read(file, SourceOptions.DEFAULT.withSheetName("ışık"))).containsExactly(List.of("on IŞIK"));
        assertThat(read(file, SourceOptions.DEFAULT.withSheetIndex(2))).containsExactly(List.of("on IŞIK"));
        assertThat(read(file, SourceOptions.DEFAULT)).containsExactly(List.of("on Özet"));
    }

    @Test
    void aNameMatchingTwoSheetsOnlyLooselyIsAmbiguous() throws IOException {
        Path file = sheets("Musteriler", "Müşteriler");
        assertThatThrownBy(() -> read(file, SourceOptions.DEFAULT.withSheetName("MÜŞTERİLER")))
                .isInstanceOfSatisfying(ImportFileException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FILE_UNREADABLE);
                    assertThat(e.getMessage()).contains("ambiguous", "'Musteriler', 'Müşteriler'");
                });
        // An exact name is never ambiguous.
        assertThat(read(file, SourceOptions.DEFAULT.withSheetName("Musteriler"))).containsExactly(List.of("on Musteriler"));
    }

    @Test
    void aMissingSheetIsRefusedWithTheSheetsThereAre() throws IOException {
        Path file = sheets("Özet", "Müşteriler");
        assertThatThrownBy(() -> read(file, SourceOptions.DEFAULT.withSheetName("Kişiler")))
                .isInstanceOf(ImportFileException.class)
                .hasMessage("The workbook has no sheet named 'Kişiler'; its sheets are 'Özet', 'Müşteriler'.");
        assertThatThrownBy(() -> read(file, SourceOptions.DEFAULT.withSheetIndex(5)))
                .isInstanceOf(ImportFileException.class)
                .hasMessage("The workbook has no sheet number 6; its sheets are 'Özet', 'Müşteriler'.");
    }

    @Test
    void datesAndTimesReadAsTheSameIsoText() throws IOException {
        Workbook wb = newWorkbook();
        Sheet sheet = wb.createSheet("Tarihler");
        CellStyle dateTime = wb.createCellStyle();
        dateTime.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd.mm.yyyy hh:mm:ss"));
        Row row = sheet.createRow(0);
        double[] serials = {46_146, 46_146.5, 46_146.5 + 7.0 / 86_400, 0.75, 2_958_465.5, 2_958_466};
        for (int i = 0; i < serials.length; i++) {
            row.createCell(i).setCellValue(serials[i]);
            row.getCell(i).setCellStyle(dateTime);
        }
        row.createCell(serials.length).setCellValue(LocalDateTime.of(2026, 5, 4, 9, 30));
        row.getCell(serials.length).setCellStyle(dateTime);

        assertThat(read(save(wb), SourceOptions.DEFAULT)).containsExactly(List.of("2026-05-04", "2026-05-04T12:00",
                "2026-05-04T12:00:07", "18:00", "9999-12-31T12:00", "2958466", "2026-05-04T09:30"));
    }

    @Test
    void aWholeNumberStaysExact() throws IOException {
        Workbook wb = newWorkbook();
        wb.createSheet("Telefonlar").createRow(0).createCell(0).setCellValue(905_301_234_567d);
        assertThat(read(save(wb), SourceOptions.DEFAULT)).containsExactly(List.of("905301234567"));
    }
}
