package dev.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.importjob.RejectedRow;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.ImportReport;
import dev.crmkit.importer.Importer;
import dev.crmkit.importer.report.ReportFormat;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An XLS file holding NUL characters (U+0000, which PostgreSQL cannot store in text) imports on both
 * databases as it does in memory: the rows with one are rejected with VALUE_INVALID, the others
 * stored, and the report of the rejected rows is stored and written with each NUL shown as U+FFFD.
 */
class NulCharactersImportTest {

    private final Actor admin = new Actor("boss", TenantId.of("acme"), true, Set.of("managers"));

    @TempDir
    Path dir;

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("SQLite", (Supplier<JdbcStorage>) TestDatabases::emptySqliteStorage),
                Arguments.of("PostgreSQL", (Supplier<JdbcStorage>) TestDatabases::emptyPostgresStorage));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void rowsWithANulAreRejectedAndTheirReportIsKept(String name, Supplier<JdbcStorage> storage) throws Exception {
        Crm crm = Crm.builder(storage.get()).build();
        Importer importer = Importer.builder(crm).workDir(dir).build();
        // A CSV holding NUL bytes is refused whole as binary, and an XLSX cannot hold the
        // character (XML has no way to write it); an XLS cell can.
        Path file = dir.resolve("nul.xls");
        try (HSSFWorkbook workbook = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Müşteriler");
            String[][] rows = {{"Ad Soyad", "Telefon", "Şirket\u0000"}, {"A\u0000li Veli", "0532 111 22 33", "Acme"},
                    {"Ayşe Yılmaz", "0532 111 22 34", "Glo\u0000bex"}, {"Can Ak", "0532 111 22 35", "Initech"}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            workbook.write(out);
        }

        ImportReport report = importer.importFile(admin, file, ImportOptions.defaults());

        assertThat(report.job().status()).as("%s %s", report.job().fatalCode(), report.job().fatalMessage()).isEqualTo(JobStatus.COMPLETED);
        assertThat(report.job().created()).isEqualTo(1);
        assertThat(report.job().rejected()).isEqualTo(2);
        assertThat(crm.customers().count(admin, CustomerQuery.all())).isEqualTo(1);
        List<RejectedRow> rejected = importer.rejectedRows(admin, report.jobId()).toList();
        assertThat(rejected).hasSize(2);
        assertThat(rejected).allSatisfy(r -> assertThat(r.errors()).extracting(e -> e.code())
                .contains(ErrorCode.VALUE_INVALID));
        assertThat(rejected.get(0).cells().get(0)).isEqualTo("A\uFFFDli Veli");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        importer.writeErrorReport(admin, report.jobId(), out, ReportFormat.CSV);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("A\uFFFDli Veli").doesNotContain("\u0000");
    }
}
