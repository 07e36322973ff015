package dev.crmkit.bench.importing;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.ImportReport;
import dev.crmkit.importer.Importer;
import dev.crmkit.jdbc.JdbcStorage;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * The library end to end, as a host would run it: {@link JdbcStorage} on the pool, a {@link Crm}
 * on it, and {@link Importer#importFile} of the CSV (its bytes stored with the job, then read,
 * checked and written in chunks of {@value #CHUNK}). The whole call is timed.
 */
final class LibraryImport {

    static final int CHUNK = 1000;

    /** A report and the seconds {@code importFile} took. */
    record Timed(ImportReport report, double seconds) {

        /** Data rows of the file per second. */
        double rate() {
            return report.rows() / seconds;
        }
    }

    private final Crm crm;
    private final Importer importer;

    LibraryImport(DataSource ds, Path workDir) {
        // The schema is migrated already: the migration that building runs finds nothing to do.
        this.crm = Crm.builder(JdbcStorage.builder(ds).build()).build();
        this.importer = Importer.builder(crm).owner("bench").workDir(workDir).build();
    }

    Crm crm() {
        return crm;
    }

    Timed run(Actor actor, Path csv) {
        ImportOptions options = ImportOptions.builder().chunkSize(CHUNK).build();
        long t0 = System.nanoTime();
        ImportReport report = importer.importFile(actor, csv, options);
        return new Timed(report, (System.nanoTime() - t0) / 1e9);
    }
}
