package dev.crmkit.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.customer.NationalId;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.importer.report.ReportFormat;
import dev.crmkit.inmemory.InMemoryStorage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A national id (TCKN) given to the library appears unmasked nowhere but in the one explicit call
 * made for it: not in any object's text, exception, log line (at any level), activity, audit
 * entry, rejected row or error report (CSV and XLSX), along every path a number takes: creation,
 * update, a refused value, and an import with accepted and rejected rows whose report is imported
 * again.
 */
class NationalIdPrivacyTest {

    private static final TenantId ACME = TenantId.of("acme");

    private final Actor admin = new Actor("boss", ACME, true, Set.of("managers"));
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level rootLevel;
    /** Every text the flow produced that a person or a program could see. */
    private final List<String> seen = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void captureEverything() {
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void release() {
        root.detachAppender(appender);
        root.setLevel(rootLevel);
    }

    /** Valid TCKNs: 9 digits, then the two check digits of the official rule. */
    static String tckn(String nineDigits) {
        int[] d = nineDigits.chars().map(c -> c - '0').toArray();
        int tenth = Math.floorMod((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7]), 10);
        int sum = tenth;
        for (int x : d) {
            sum += x;
        }
        String id = nineDigits + tenth + (sum % 10);
        assertThat(NationalId.isValid(id)).isTrue();
        return id;
    }

    @Test
    void aNationalIdIsShownMaskedEverywhere() throws IOException {
        String created = tckn("123456789");
        String changed = tckn("234567891");
        String imported = tckn("345678912");
        String rejectedWithBadPhone = tckn("456789123");
        String invalid = "98765432101";
        List<String> secrets = List.of(created, changed, imported, rejectedWithBadPhone, invalid);
        Crm crm = Crm.builder(InMemoryStorage.create()).build();
        Importer importer = Importer.builder(crm).workDir(dir).build();

        NewCustomer input = NewCustomer.builder("Ayşe Yılmaz", "0530 123 45 67").nationalId(created).build();
        seen.add(input.toString());
        Customer c = crm.customers().create(admin, input);
        seen.add(c.toString());
        CustomerUpdate update = CustomerUpdate.of(c).nationalId(changed).build();
        seen.add(update.toString());
        seen.add(crm.customers().update(admin, update).toString());
        seen.add(String.valueOf(catchThrowable(() -> crm.customers().create(admin,
                NewCustomer.builder("Geçersiz", "0530 123 45 68").nationalId(invalid).build()))));
        seen.add(String.valueOf(catchThrowable(() -> NationalId.of(invalid))));

        Path file = dir.resolve("musteriler.csv");
        Files.writeString(file, "Ad Soyad;Telefon;TCKN\n"
                + "Mehmet Kaya;0532 111 22 33;" + imported + "\n"
                + "Zeynep Demir;12;" + rejectedWithBadPhone + "\n"
                + "Can Ak;0533 111 22 33;" + invalid + "\n", StandardCharsets.UTF_8);
        ImportReport report = importer.importFile(admin, file, ImportOptions.defaults());
        assertThat(report.job().created()).isEqualTo(1);
        assertThat(report.job().rejected()).isEqualTo(2);
        seen.add(report.toString());
        seen.add(importer.rejectedRows(admin, report.jobId()).toList().toString());
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        importer.writeErrorReport(admin, report.jobId(), csv, ReportFormat.CSV);
        String csvReport = csv.toString(StandardCharsets.UTF_8);
        seen.add(csvReport);
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        importer.writeErrorReport(admin, report.jobId(), xlsx, ReportFormat.XLSX);
        seen.add(cellsOf(xlsx.toByteArray()));
        seen.add(crm.activities().feed(admin, ActivityQuery.newest(100)).items().toString());
        seen.add(crm.activities().auditLog(admin, 100).toString());
        seen.add(crm.customers().search(admin, dev.crmkit.core.customer.CustomerQuery.all()).items().toString());
        seen.add(crm.imports().find(admin, report.jobId()).orElseThrow().toString());

        // The rejected row fixed in the report and imported again: the masked number is no value.
        Path again = dir.resolve("duzeltilmis.csv");
        Files.writeString(again, csvReport.replace("Zeynep Demir;12;", "Zeynep Demir;0534 111 22 33;"), StandardCharsets.UTF_8);
        ImportReport second = importer.importFile(admin, again, ImportOptions.defaults());
        assertThat(second.job().status()).isEqualTo(JobStatus.COMPLETED);
        Customer zeynep = crm.customers().findByPhone(admin, "+905341112233").orElseThrow();
        assertThat(zeynep.nationalId()).isNull();
        seen.add(second.toString());

        // The one explicit way to the number works.
        assertThat(crm.customers().revealNationalId(admin, c.id())).contains(changed);
        assertThat(c.nationalId()).isEqualTo(NationalId.mask(created));

        for (ILoggingEvent event : appender.list) {
            seen.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                seen.add(t.getMessage());
            }
        }
        assertThat(seen).isNotEmpty();
        for (String text : seen) {
            for (String secret : secrets) {
                assertThat(text).as("a text the flow produced").doesNotContain(secret);
            }
        }
        assertThat(csvReport).contains(NationalId.mask(rejectedWithBadPhone)).contains(NationalId.mask(invalid));
    }

    /** Every cell of every sheet of an XLSX file as text, tab-separated, a line per row. */
    static String cellsOf(byte[] xlsx) throws IOException {
        StringBuilder sb = new StringBuilder();
        DataFormatter format = new DataFormatter();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        sb.append(format.formatCellValue(cell)).append('\t');
                    }
                    sb.append('\n');
                }
            }
        }
        return sb.toString();
    }
}
