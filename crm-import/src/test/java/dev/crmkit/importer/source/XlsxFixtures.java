package dev.crmkit.importer.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTWorkbookPr;

/**
 * Builds the workbooks of the tests with POI's own writer (the whole-workbook model is fine for
 * writing small test files). {@link #main} regenerates the committed fixtures in
 * {@code src/test/resources/xlsx}.
 */
final class XlsxFixtures {

    static final String CUSTOMERS = "musteri-listesi.xlsx";
    static final String DATES_1904 = "tarihler-1904.xlsx";

    private XlsxFixtures() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/xlsx");
        Files.createDirectories(dir);
        customers(dir.resolve(CUSTOMERS));
        dates1904(dir.resolve(DATES_1904));
    }

    /**
     * Sheet "Liste": a Turkish customer list with a phone stored as a number, a date, a date and
     * time, a formula, a rich-text cell, a boolean, an error, an empty row 3 and no row 5; sheet
     * "Müşteriler": two more customers.
     */
    static Path customers(Path file) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd.mm.yyyy"));
            CellStyle dateTime = wb.createCellStyle();
            dateTime.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd.mm.yyyy hh:mm"));
            XSSFFont bold = wb.createFont();
            bold.setBold(true);

            XSSFSheet list = wb.createSheet("Liste");
            cells(list.createRow(0), "Ad Soyad", "Telefon", "E-posta", "Kayıt Tarihi", "Tutar", "Toplam", "Not",
                    "Aktif", "Durum");
            Row ayse = list.createRow(1);
            ayse.createCell(0).setCellValue("Ayşe Yılmaz");
            ayse.createCell(1).setCellValue(905301234567d);
            ayse.createCell(2).setCellValue("ayse@example.com");
            ayse.createCell(3).setCellValue(LocalDate.of(2024, 3, 15));
            ayse.getCell(3).setCellStyle(date);
            ayse.createCell(4).setCellValue(1234.5);
            ayse.createCell(5).setCellFormula("E2*2");
            XSSFRichTextString note = new XSSFRichTextString("Çok önemli müşteri");
            note.applyFont(0, 3, bold);
            ayse.createCell(6).setCellValue(note);
            ayse.createCell(7).setCellValue(true);
            ayse.createCell(8).setCellFormula("A2&\" (VİP)\"");

            list.createRow(2);

            Row isik = list.createRow(3);
            isik.createCell(0).setCellValue("Işık Öztürk");
            isik.createCell(1).setCellValue("0530 123 45 67");
            isik.createCell(3).setCellValue(LocalDateTime.of(2024, 3, 15, 14, 30));
            isik.getCell(3).setCellStyle(dateTime);
            isik.createCell(4).setCellValue("=1+1");
            isik.createCell(5).setCellErrorValue(FormulaError.NA.getCode());
            isik.createCell(7).setCellValue(false);

            Row can = list.createRow(5);
            can.createCell(0).setCellValue("Can Çelik");
            can.createCell(3).setCellValue(LocalDate.of(1999, 12, 31));
            can.getCell(3).setCellStyle(date);

            XSSFSheet customers = wb.createSheet("Müşteriler");
            cells(customers.createRow(0), "Ad Soyad", "Telefon");
            cells(customers.createRow(1), "Şule Ünal", "+90 532 765 43 21");
            cells(customers.createRow(2), "İlker Güneş", "05421112233");

            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            return write(wb, file);
        }
    }

    /** One sheet "Tarihler" in the 1904 date system: 2024-03-15 and 2024-03-15 14:30:15. */
    static Path dates1904(Path file) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            CTWorkbookPr pr = wb.getCTWorkbook().isSetWorkbookPr() ? wb.getCTWorkbook().getWorkbookPr()
                    : wb.getCTWorkbook().addNewWorkbookPr();
            pr.setDate1904(true);
            CellStyle date = wb.createCellStyle();
            date.setDataFormat((short) 14);
            CellStyle dateTime = wb.createCellStyle();
            dateTime.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            XSSFSheet sheet = wb.createSheet("Tarihler");
            cells(sheet.createRow(0), "Tarih", "Zaman");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue(LocalDate.of(2024, 3, 15));
            row.getCell(0).setCellStyle(date);
            row.createCell(1).setCellValue(LocalDateTime.of(2024, 3, 15, 14, 30, 15));
            row.getCell(1).setCellStyle(dateTime);
            return write(wb, file);
        }
    }

    static void cells(Row row, String... values) {
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }

    static Path write(XSSFWorkbook wb, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            wb.write(out);
        }
        return file;
    }
}
