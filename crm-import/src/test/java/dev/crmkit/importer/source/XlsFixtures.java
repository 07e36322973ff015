package dev.crmkit.importer.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFFormulaEvaluator;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * Writes the workbooks under {@code src/test/resources/xls/}. They are committed; run
 * {@code main} with the target folder to write them again, with {@code -Duser.name=crmkit}: POI
 * stores the writing user's name in the workbook.
 */
final class XlsFixtures {

    static final String CUSTOMERS = "customers.xls";
    static final String PROTECTED = "protected.xls";
    static final String PASSWORD = "gizli";

    private XlsFixtures() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        writeCustomers(dir.resolve(CUSTOMERS));
        writeProtected(dir.resolve(PROTECTED));
    }

    /**
     * Sheet "Sayfa1": a header, two customers with every kind of cell, an empty row between them;
     * sheet "Müşteriler": one more customer.
     */
    static void writeCustomers(Path file) throws IOException {
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("dd.mm.yyyy"));
            CellStyle dateTime = wb.createCellStyle();
            dateTime.setDataFormat(wb.createDataFormat().getFormat("dd.mm.yyyy hh:mm"));

            Sheet sheet = wb.createSheet("Sayfa1");
            Row header = sheet.createRow(0);
            String[] titles = {"İsim", "Telefon", "E-posta", "Kayıt Tarihi", "Toplam Tutar", "Aktif", "Etiket", "Puan"};
            for (int i = 0; i < titles.length; i++) {
                header.createCell(i).setCellValue(titles[i]);
            }
            Row first = sheet.createRow(1);
            first.createCell(0).setCellValue("İsmail Işık");
            first.createCell(1).setCellValue(905301234567d);
            first.createCell(2).setCellValue("ismail@ornek.com.tr");
            first.createCell(3).setCellValue(LocalDateTime.of(2024, 3, 15, 0, 0));
            first.getCell(3).setCellStyle(date);
            first.createCell(4).setCellValue(1234.5);
            first.createCell(5).setCellValue(true);
            first.createCell(6).setCellFormula("A2&\" (VIP)\"");
            first.createCell(7).setCellFormula("E2*2");
            // Row 3 stays empty.
            Row second = sheet.createRow(3);
            second.createCell(0).setCellValue("Ayşe Gül Çağlayan");
            second.createCell(1).setCellValue("+90 532 123 45 67");
            second.createCell(3).setCellValue(LocalDateTime.of(2023, 12, 31, 9, 30));
            second.getCell(3).setCellStyle(dateTime);
            second.createCell(4).setCellValue(-0.75);
            second.createCell(5).setCellValue(false);
            second.createCell(6).setCellFormula("A4&\" (Normal)\"");
            second.createCell(7).setCellFormula("E4*2");

            Sheet more = wb.createSheet("Müşteriler");
            Row moreHeader = more.createRow(0);
            moreHeader.createCell(0).setCellValue("İsim");
            moreHeader.createCell(1).setCellValue("Telefon");
            Row moreRow = more.createRow(1);
            moreRow.createCell(0).setCellValue("Şükrü Ağaoğlu");
            moreRow.createCell(1).setCellValue(905551112233d);

            HSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            write(wb, file);
        }
    }

    /** One sheet, encrypted with {@link #PASSWORD}. */
    static void writeProtected(Path file) throws IOException {
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            Row row = wb.createSheet("Gizli").createRow(0);
            row.createCell(0).setCellValue("İsim");
            row.createCell(1).setCellValue("Telefon");
            Biff8EncryptionKey.setCurrentUserPassword(PASSWORD);
            try {
                write(wb, file);
            } finally {
                Biff8EncryptionKey.setCurrentUserPassword(null);
            }
        }
    }

    static void write(HSSFWorkbook wb, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            wb.write(out);
        }
    }
}
