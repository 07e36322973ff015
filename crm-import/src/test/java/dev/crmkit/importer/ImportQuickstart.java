package dev.crmkit.importer;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.RowError;
import dev.crmkit.importer.report.ReportFormat;
import dev.crmkit.inmemory.InMemoryStorage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/** The README's import example, compiled and run by {@code ReadmeImportExampleTest}. */
public final class ImportQuickstart {

    private ImportQuickstart() {
    }

    static ImportReport run(Path dir, PrintStream out) throws IOException {
        Path file = dir.resolve("musteriler.csv");
        Files.writeString(file, "Ad Soyad;Telefon;Şirket\r\nAyşe Yılmaz;0530 123 45 67;İstanbul Lojistik\r\n"
                + "Işık Demir;123;\r\n", Charset.forName("windows-1254"));
        Path errors = dir.resolve("hatalar.csv");
        // README-EXAMPLE-START
        Crm crm = Crm.builder(InMemoryStorage.create()).build();
        Importer importer = Importer.builder(crm).build();
        Actor admin = Actor.admin(TenantId.of("acme"), "boss");

        ImportReport report = importer.importFile(admin, file, ImportOptions.defaults());
        out.println(report.status() + " created=" + report.created() + " rejected=" + report.rejected()
                + " encoding=" + report.job().encoding() + " delimiter=" + report.job().delimiter());
        // COMPLETED created=1 rejected=1 encoding=windows-1254 delimiter=;
        for (RowError e : report.firstErrors()) {
            out.println("row " + e.row() + " " + e.column() + " " + e.code() + ": " + e.message());
        }
        // row 3 Telefon PHONE_INVALID: not a valid phone number: 123
        try (OutputStream csv = Files.newOutputStream(errors)) {
            importer.writeErrorReport(admin, report.jobId(), csv, ReportFormat.CSV);
        }
        // README-EXAMPLE-END
        return report;
    }
}
