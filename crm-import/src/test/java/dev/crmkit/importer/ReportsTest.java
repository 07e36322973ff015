package dev.crmkit.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.importjob.JobWarning;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.core.permission.InMemoryUserDirectory;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.importer.report.ReportFormat;
import dev.crmkit.importer.report.SpreadsheetText;
import dev.crmkit.inmemory.InMemoryStorage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    private static final TenantId ACME = TenantId.of("acme");

    @TempDir
    Path dir;

    private Crm crm;
    private Importer importer;
    private final Actor admin = Actor.admin(ACME, "boss");

    @BeforeEach
    void setUp() {
        crm = Crm.builder(InMemoryStorage.create()).userDirectory(new InMemoryUserDirectory().add(ACME, "ayse")).build();
        importer = Importer.builder(crm).workDir(dir).build();
    }

    private ImportReport importText(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return importer.importFile(admin, f, ImportOptions.defaults());
    }

    private byte[] errorReport(Actor actor, long jobId, ReportFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        importer.writeErrorReport(actor, jobId, out, format);
        return out.toByteArray();
    }

    @Test
    void csvErrorReportHasBomTheFileDelimiterOriginalColumnsAndJoinedErrors() throws IOException {
        ImportReport report = importText("hata.csv", "isim;telefon;not\n;123;=HYPERLINK(\"x\")\nAli;05301234567;ok\n");

        byte[] bytes = errorReport(admin, report.jobId(), ReportFormat.CSV);

        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        List<String> lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("isim;telefon;not;row;column;code;message");
        // Commons CSV quotes an empty first cell so the line is not mistaken for an empty record.
        assertThat(lines.get(1)).startsWith("\"\";123;\"'=HYPERLINK(\"\"x\"\")\";2;isim | telefon;NAME_REQUIRED | PHONE_INVALID;");
    }

    @Test
    void aCorrectedErrorReportImportsAsItIs() throws IOException {
        ImportReport first = importText("hata.csv", "isim;telefon\nAli;123\nVeli;05301234568\n");
        assertThat(first.rejected()).isEqualTo(1);
        String report = new String(errorReport(admin, first.jobId(), ReportFormat.CSV), StandardCharsets.UTF_8);
        String corrected = report.replace("Ali;123;", "Ali;05301234567;");
        Path fixed = dir.resolve("duzeltilmis.csv");
        Files.writeString(fixed, corrected, StandardCharsets.UTF_8);

        ImportReport second = importer.importFile(admin, fixed, ImportOptions.defaults());

        assertThat(second.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(second.created()).isEqualTo(1);
        assertThat(second.warnings()).isEmpty();
        assertThat(crm.customers().count(admin, CustomerQuery.all())).isEqualTo(2);
    }

    @Test
    void xlsxErrorReportHoldsTheSameCells() throws IOException {
        ImportReport report = importText("hata.csv", "isim,telefon\n,+905301234567\n");
        byte[] bytes = errorReport(admin, report.jobId(), ReportFormat.XLSX);
        try (XSSFWorkbook wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(bytes))) {
            List<List<String>> rows = new ArrayList<>();
            for (Row row : wb.getSheetAt(0)) {
                List<String> cells = new ArrayList<>();
                for (Cell c : row) {
                    cells.add(c.getStringCellValue());
                }
                rows.add(cells);
            }
            assertThat(rows.get(0)).containsExactly("isim", "telefon", "row", "column", "code", "message");
            assertThat(rows.get(1).subList(0, 5)).containsExactly("", "'+905301234567", "2", "isim", "NAME_REQUIRED");
        }
    }

    @Test
    void anOverLongCellIsCutToExcelsLimitInTheXlsxReport() throws IOException {
        // The reader keeps one character over the limit so the row shows VALUE_TOO_LONG; a formula-like
        // cell of exactly the limit gains an apostrophe. Neither may stop the report being written.
        ImportReport report = importText("uzun.csv", "isim;telefon;not\n" + "x".repeat(40_000) + ";05301234567;\n"
                + "Ali;123;=" + "y".repeat(32_766) + "\n");
        assertThat(report.rejected()).isEqualTo(2);

        byte[] bytes = errorReport(admin, report.jobId(), ReportFormat.XLSX);

        try (XSSFWorkbook wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(bytes))) {
            assertThat(wb.getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).isEqualTo("x".repeat(32_767));
            assertThat(wb.getSheetAt(0).getRow(2).getCell(2).getStringCellValue())
                    .isEqualTo("'=" + "y".repeat(32_765));
        }
    }

    @Test
    void columnsOfHiddenCustomFieldsAreLeftOutOfTheReportForThoseWhoMayNotSeeThem() throws IOException {
        crm.customFields().define(admin, CustomFieldDefinition.builder("salary", "Maaş", FieldType.NUMBER)
                .visibleTo("finance").build());
        ImportReport report = importText("maas.csv", "isim;telefon;Maaş\n;05301234567;50000\n");
        crm.permissions().grantUser(admin, "ayse", PermissionLevel.VIEW);
        Actor agent = Actor.user(ACME, "ayse", "agents");

        String forAgent = new String(errorReport(agent, report.jobId(), ReportFormat.CSV), StandardCharsets.UTF_8);
        String forAdmin = new String(errorReport(admin, report.jobId(), ReportFormat.CSV), StandardCharsets.UTF_8);

        assertThat(forAgent).doesNotContain("Maaş").doesNotContain("50000");
        assertThat(forAdmin).contains("Maaş", "50000");
    }

    @Test
    void templateListsBuiltInAndVisibleCustomFieldsAndImportsOnlyRowsBelowItsMarker() throws IOException {
        crm.customFields().define(admin, CustomFieldDefinition.builder("consent", "KVKK Onayı", FieldType.BOOLEAN)
                .required(true).position(1).build());
        crm.customFields().define(admin, CustomFieldDefinition.builder("salary", "Maaş", FieldType.NUMBER)
                .visibleTo("finance").position(2).build());
        Path template = dir.resolve("ornek.csv");
        try (OutputStream out = Files.newOutputStream(template)) {
            importer.writeTemplate(admin, out, ReportFormat.CSV);
        }
        crm.permissions().grantUser(admin, "ayse", PermissionLevel.CONTRIBUTE);
        Actor agent = Actor.user(ACME, "ayse", "agents");
        ByteArrayOutputStream agentTemplate = new ByteArrayOutputStream();
        importer.writeTemplate(agent, agentTemplate, ReportFormat.CSV);

        String text = Files.readString(template, StandardCharsets.UTF_8);
        assertThat(text).contains("Ad Soyad;Telefon", "KVKK Onayı", "Maaş");
        assertThat(agentTemplate.toString(StandardCharsets.UTF_8)).contains("KVKK Onayı").doesNotContain("Maaş");

        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).as("the marker row, quoted as CSV quotes a leading #").matches("\"#####[^;]*\"");

        ImportReport untouched = importer.importFile(admin, template, ImportOptions.defaults());
        assertThat(untouched.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(untouched.rows()).isZero();
        assertThat(untouched.created()).isZero();
        assertThat(untouched.warnings()).extracting(JobWarning::code).containsExactly("NO_RECORDS_BELOW_MARKER");

        // The example row copied below the marker, as a user edits it: only that row is a record.
        Files.writeString(template, text + lines.get(1).replace("Ayşe Yılmaz", "Ayşe Demir") + "\r\n",
                StandardCharsets.UTF_8);
        ImportReport filled = importer.importFile(admin, template, ImportOptions.defaults());
        assertThat(filled.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(filled.rows()).isEqualTo(1);
        assertThat(filled.created()).isEqualTo(1);
        assertThat(filled.rejected()).isZero();
        assertThat(filled.warnings()).isEmpty();
    }

    @Test
    void formulaLikeCellsAreNeutralized() {
        assertThat(SpreadsheetText.neutralize("=1+1")).isEqualTo("'=1+1");
        assertThat(SpreadsheetText.neutralize("+905301234567")).isEqualTo("'+905301234567");
        assertThat(SpreadsheetText.neutralize("-5")).isEqualTo("'-5");
        assertThat(SpreadsheetText.neutralize("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SpreadsheetText.neutralize("\t=1")).isEqualTo("'\t=1");
        assertThat(SpreadsheetText.neutralize("Ayşe")).isEqualTo("Ayşe");
    }
}
