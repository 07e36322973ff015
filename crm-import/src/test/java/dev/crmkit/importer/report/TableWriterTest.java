package dev.crmkit.importer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class TableWriterTest {

    @Test
    void rowsPastASheetsLimitGoOnAFurtherSheetThatRepeatsTheHeader() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TableWriter table = new TableWriter(bytes, ReportFormat.XLSX, ';', "Hatalar", 3)) {
            table.row(List.of("Ad Soyad", "Telefon"));
            for (int i = 1; i <= 5; i++) {
                table.row(List.of("Kişi " + i, "12" + i));
            }
        }

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            assertThat(text(workbook.getSheet("Hatalar"))).containsExactly(
                    List.of("Ad Soyad", "Telefon"), List.of("Kişi 1", "121"), List.of("Kişi 2", "122"));
            assertThat(text(workbook.getSheet("Hatalar (2)"))).containsExactly(
                    List.of("Ad Soyad", "Telefon"), List.of("Kişi 3", "123"), List.of("Kişi 4", "124"));
            assertThat(text(workbook.getSheet("Hatalar (3)"))).containsExactly(
                    List.of("Ad Soyad", "Telefon"), List.of("Kişi 5", "125"));
        }
    }

    @Test
    void aCsvIsOneTableHoweverLong() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TableWriter table = new TableWriter(bytes, ReportFormat.CSV, ';', "Hatalar", 3)) {
            table.row(List.of("Ad Soyad", "Telefon"));
            for (int i = 1; i <= 5; i++) {
                table.row(List.of("Kişi " + i, "12" + i));
            }
        }

        String csv = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        assertThat(csv.lines()).hasSize(6).filteredOn(l -> l.contains("Telefon")).hasSize(1);
    }

    @Test
    void aSheetHoldsAtMostExcelsRows() {
        assertThatThrownBy(() -> new TableWriter(new ByteArrayOutputStream(), ReportFormat.XLSX, ';', "Hatalar",
                TableWriter.MAX_XLSX_ROWS + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(TableWriter.MAX_XLSX_ROWS).isEqualTo(org.apache.poi.ss.SpreadsheetVersion.EXCEL2007.getMaxRows());
    }

    private static List<List<String>> text(Sheet sheet) {
        List<List<String>> rows = new ArrayList<>();
        for (Row row : sheet) {
            List<String> cells = new ArrayList<>();
            row.forEach(c -> cells.add(c.getStringCellValue()));
            rows.add(cells);
        }
        return rows;
    }
}
