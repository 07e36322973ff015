package dev.crmkit.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.ImportReport;
import dev.crmkit.importer.Importer;
import dev.crmkit.jdbc.CrmSchema;
import dev.crmkit.jdbc.JdbcStorage;
import dev.crmkit.jdbc.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search index's pending list is merged beside an import, by the adapter, on PostgreSQL; and
 * a database user who may not merge it imports exactly as before, the cleaner giving up at its first
 * refusal.
 *
 * <p>Each test has a database of its own where nothing else merges the list: autovacuum is off for
 * the customer table and the list's limit is the largest PostgreSQL allows, so the importing
 * process never merges it itself. A list found empty after an import was merged by the cleaner.
 */
class SearchIndexCleanerTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final Actor ADMIN = Actor.admin(ACME, "boss");
    private static final int ROWS = 3_000;
    /** Generous: a merge of this import's keys takes milliseconds; the wait ends as soon as it is done. */
    private static final long PATIENCE_MILLIS = 60_000;

    @TempDir
    Path dir;

    private HikariDataSource owner;
    private HikariDataSource clerk;

    @BeforeEach
    void database() throws SQLException {
        owner = TestDatabases.freshPostgres();
        CrmSchema.migrate(owner);
        execute(owner, "CREATE EXTENSION IF NOT EXISTS pgstattuple",
                "ALTER TABLE crm_customer SET (autovacuum_enabled = false)",
                "ALTER INDEX crm_customer_keys SET (gin_pending_list_limit = 2097151)");
    }

    @AfterEach
    void close() {
        if (clerk != null) {
            clerk.close();
        }
        owner.close();
    }

    @Test
    void anImportLeavesNoKeysInThePendingList() throws Exception {
        ImportReport report = importFile(owner);

        assertThat(report.job().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(report.job().created()).isEqualTo(ROWS);
        waitFor(() -> pendingTuples() == 0);
        assertThat(pendingTuples()).as("keys left in the pending list").isZero();
        assertThat(found("musteri")).isEqualTo(ROWS);
    }

    @Test
    void aUserWhoMayNotMergeImportsAsBefore() throws Exception {
        // Roles belong to the whole server, which other tests share: a name of this database's own.
        String role = "clerk_" + databaseName();
        execute(owner, "CREATE ROLE " + role + " LOGIN",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role,
                "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + role,
                // How strict the server's own check is varies by version; a database can always
                // take the function away.
                "REVOKE EXECUTE ON FUNCTION gin_clean_pending_list(regclass) FROM PUBLIC");
        String url = owner.getJdbcUrl();
        clerk = pool(url.contains("?") ? url.substring(0, url.indexOf('?')) : url, role); // the URL names its user
        assertThat(user(clerk)).isEqualTo(role);
        SearchIndexCleaner cleaner = SearchIndexCleaner.forPostgres(clerk);

        cleaner.wake();
        waitFor(cleaner::refused);
        assertThat(cleaner.refused()).as("the merge was refused").isTrue();
        assertThat(cleaner.pagesMerged()).isZero();

        ImportReport report = importFile(clerk);
        assertThat(report.job().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(report.job().created()).isEqualTo(ROWS);
        assertThat(pendingTuples()).as("nobody merged the list, as before the cleaner").isPositive();
        assertThat(found("musteri")).isEqualTo(ROWS);
        assertThat(found("0532 000 123")).isEqualTo(10);
    }

    private ImportReport importFile(DataSource ds) throws Exception {
        StringBuilder csv = new StringBuilder("isim;telefon\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append("Müşteri ").append(i).append(";0532").append(String.format("%07d", i)).append('\n');
        }
        Path file = Files.writeString(dir.resolve("customers.csv"), csv.toString(), StandardCharsets.UTF_8);
        Crm crm = Crm.builder(JdbcStorage.builder(ds).migrate(false).build()).build();
        return Importer.builder(crm).workDir(dir).build().importFile(ADMIN, file, ImportOptions.defaults());
    }

    private long found(String text) {
        Crm crm = Crm.builder(JdbcStorage.builder(owner).migrate(false).build()).build();
        return crm.customers().count(ADMIN, CustomerQuery.builder().text(text).build());
    }

    private String databaseName() throws SQLException {
        try (Connection c = owner.getConnection()) {
            return c.getCatalog();
        }
    }

    private static String user(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getUserName();
        }
    }

    private long pendingTuples() {
        try (Connection c = owner.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pending_tuples FROM pgstatginindex('crm_customer_keys')")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE_MILLIS * 1_000_000;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static void execute(DataSource ds, String... statements) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static HikariDataSource pool(String url, String user) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }
}
