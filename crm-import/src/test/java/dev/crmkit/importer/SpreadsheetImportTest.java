package dev.crmkit.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.importer.report.ReportFormat;
import dev.crmkit.inmemory.InMemoryStorage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole import path on real spreadsheet files, and on hostile ones. */
class SpreadsheetImportTest {

    private static final TenantId ACME = TenantId.of("acme");

    @TempDir
    Path dir;

    private Crm crm;
    private Importer importer;
    private final Actor admin = Actor.admin(ACME, "boss");

    @BeforeEach
    void setUp() {
        crm = Crm.builder(InMemoryStorage.create()).build();
        importer = Importer.builder(crm).workDir(dir).build();
    }

    private long count() {
        return crm.customers().count(admin, CustomerQuery.all());
    }

    /** A workbook as Turkish users make them: numbers as numeric cells, a real date cell. */
    private Path workbook(Workbook wb, String name) throws IOException {
        Sheet sheet = wb.createSheet("Müşteriler");
        CellStyle dateStyle = wb.createCellStyle();
        dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd.mm.yyyy"));
        Row header = sheet.createRow(0);
        String[] headers = {"Ad Soyad", "Telefon", "Segment", "Toplam Tutar", "Aksiyon Tarihi"};
        for (int i = 0; i < headers.length; i++) {
            header.createCell(i).setCellValue(headers[i]);
        }
        Row r1 = sheet.createRow(1);
        r1.createCell(0).setCellValue("İsmail Kaya");
        r1.createCell(1).setCellValue(905301234567d);
        r1.createCell(2).setCellValue("VİP");
        r1.createCell(3).setCellValue(1234.5);
        r1.createCell(4).setCellValue(LocalDate.of(2026, 5, 4));
        r1.getCell(4).setCellStyle(dateStyle);
        // Row 3 left empty: skipped and not counted.
        Row r3 = sheet.createRow(3);
        r3.createCell(0).setCellValue("Işık Demir");
        r3.createCell(1).setCellValue("0532 111 22 33");
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            wb.write(out);
        }
        wb.close();
        return file;
    }

    private void assertImported(ImportReport report) {
        assertThat(report.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(report.rows()).isEqualTo(2);
        assertThat(report.created()).isEqualTo(2);
        assertThat(report.job().delimiter()).isNull();
        Customer kaya = crm.customers().findByPhone(admin, "+905301234567").orElseThrow();
        assertThat(kaya.fullName()).isEqualTo("İsmail Kaya");
        assertThat(kaya.segment()).isEqualTo(Segment.VIP);
        assertThat(kaya.totalAmount()).isEqualByComparingTo("1234.5");
        assertThat(kaya.actionAt()).isEqualTo(LocalDate.of(2026, 5, 4).atStartOfDay(ZoneId.of("Europe/Istanbul"))
                .toInstant());
        assertThat(crm.customers().search(admin, CustomerQuery.text("isik")).items()).hasSize(1);
    }

    @Test
    void xlsxWithNumericPhonesAndDateCellsImports() throws IOException {
        assertImported(importer.importFile(admin, workbook(new XSSFWorkbook(), "liste.xlsx"), ImportOptions.defaults()));
    }

    @Test
    void legacyXlsImports() throws IOException {
        assertImported(importer.importFile(admin, workbook(new HSSFWorkbook(), "liste.xls"), ImportOptions.defaults()));
    }

    @Test
    void theContentDecidesNotTheName() throws IOException {
        Path csvNamedXls = dir.resolve("aslinda-csv.xls");
        Files.writeString(csvNamedXls, "isim;telefon\nAli;05309998877\n", StandardCharsets.UTF_8);
        ImportReport report = importer.importFile(admin, csvNamedXls, ImportOptions.defaults());
        assertThat(report.created()).isEqualTo(1);
        assertThat(report.job().delimiter()).isEqualTo(';');

        Path xlsxNamedCsv = workbook(new XSSFWorkbook(), "aslinda-excel.csv");
        assertThat(importer.importFile(admin, xlsxNamedCsv, ImportOptions.defaults()).created()).isEqualTo(2);
    }

    @Test
    void anXlsxTemplateStoresOnlyTheRowsBelowItsMarker() throws IOException {
        Path template = dir.resolve("ornek.xlsx");
        try (OutputStream out = Files.newOutputStream(template)) {
            importer.writeTemplate(admin, out, ReportFormat.XLSX);
        }
        ImportReport untouched = importer.importFile(admin, template, ImportOptions.defaults());
        assertThat(untouched.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(untouched.created()).isZero();
        assertThat(untouched.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo("NO_RECORDS_BELOW_MARKER");
            assertThat(w.row()).isEqualTo(3);
            assertThat(w.message()).contains("no record was found below the ##### row 3");
        });
        assertThat(count()).isZero();

        // A user types two rows under the marker, one with the example's own number.
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(template))) {
            org.apache.poi.ss.usermodel.Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).startsWith("#####");
            org.apache.poi.ss.usermodel.Row first = sheet.createRow(3);
            first.createCell(0).setCellValue("Mehmet Öztürk");
            first.createCell(1).setCellValue("0530 123 45 67");
            org.apache.poi.ss.usermodel.Row second = sheet.createRow(4);
            second.createCell(0).setCellValue("Zeynep Kaya");
            second.createCell(1).setCellValue("0532 111 22 33");
            try (OutputStream out = Files.newOutputStream(template)) {
                wb.write(out);
            }
        }
        ImportReport filled = importer.importFile(admin, template, ImportOptions.defaults());
        assertThat(filled.created()).isEqualTo(2);
        assertThat(filled.rejected()).isZero();
        assertThat(filled.warnings()).isEmpty();
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void anUnsupportedFileFailsAndStoresNothing() throws IOException {
        Path pdf = dir.resolve("musteriler.csv");
        Files.write(pdf, "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1));
        ImportReport report = importer.importFile(admin, pdf, ImportOptions.defaults());
        assertThat(report.status()).isEqualTo(JobStatus.FAILED);
        assertThat(report.job().fatalCode()).isEqualTo(ErrorCode.FILE_FORMAT_UNSUPPORTED);
        assertThat(count()).isZero();
    }

    @Test
    void aTooLargeFileIsRefusedBeforeAJobExists() throws IOException {
        Path f = dir.resolve("buyuk.csv");
        Files.writeString(f, "isim;telefon\nAli;05301234567\n");
        assertThatThrownBy(() -> importer.importFile(admin, f, ImportOptions.builder().maxFileBytes(10).build()))
                .isInstanceOfSatisfying(ImportFileException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_TOO_LARGE));
        assertThat(crm.imports().list(admin, 10)).isEmpty();
    }

    @Test
    void aZipBombFailsQuicklyAndStoresNothing() throws IOException {
        Path good = workbook(new XSSFWorkbook(), "iyi.xlsx");
        Path bomb = dir.resolve("bomba.xlsx");
        Map<String, byte[]> entries = entries(good);
        StringBuilder huge = new StringBuilder(entries.get("xl/worksheets/sheet1.xml").length + 50_000_000);
        String original = new String(entries.get("xl/worksheets/sheet1.xml"), StandardCharsets.UTF_8);
        huge.append(original, 0, original.indexOf("<sheetData>"));
        huge.append("<sheetData>");
        huge.append(" ".repeat(50_000_000));
        huge.append(original.substring(original.indexOf("<sheetData>") + "<sheetData>".length()));
        entries.put("xl/worksheets/sheet1.xml", huge.toString().getBytes(StandardCharsets.UTF_8));
        write(bomb, entries);

        long start = System.nanoTime();
        ImportReport report = importer.importFile(admin, bomb, ImportOptions.builder()
                .limits(ImportOptions.defaults().limits().withMaxInflatedBytes(10_000_000)).build());
        assertThat(report.status()).isEqualTo(JobStatus.FAILED);
        assertThat(report.job().fatalCode()).isEqualTo(ErrorCode.FILE_UNREADABLE);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
        assertThat(count()).isZero();
    }

    @Test
    void aDoctypeInSpreadsheetXmlFailsAndStoresNothing() throws IOException {
        Path good = workbook(new XSSFWorkbook(), "iyi.xlsx");
        Map<String, byte[]> entries = entries(good);
        String sheet = new String(entries.get("xl/worksheets/sheet1.xml"), StandardCharsets.UTF_8);
        String evil = sheet.replaceFirst("\\?>", "?><!DOCTYPE worksheet [<!ENTITY x \"xx\"><!ENTITY y \"&x;&x;&x;\">]>");
        entries.put("xl/worksheets/sheet1.xml", evil.getBytes(StandardCharsets.UTF_8));
        Path bad = dir.resolve("dtd.xlsx");
        write(bad, entries);

        ImportReport report = importer.importFile(admin, bad, ImportOptions.defaults());
        assertThat(report.status()).isEqualTo(JobStatus.FAILED);
        assertThat(report.job().fatalCode()).isEqualTo(ErrorCode.FILE_UNREADABLE);
        assertThat(count()).isZero();
    }

    private static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    private static void write(Path zip, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.setLevel(Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }
}
