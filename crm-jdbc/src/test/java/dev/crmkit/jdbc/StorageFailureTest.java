package dev.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.CrmException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.StorageException;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.ImportReport;
import dev.crmkit.importer.Importer;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Failures of the database surface as {@link StorageException} ({@code STORAGE_FAILURE}) and leave
 * nothing half-written: a unit of work that fails is rolled back whole, and an import whose chunk
 * fails keeps exactly the chunks committed before it.
 */
class StorageFailureTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final Actor ADMIN = Actor.admin(ACME, "boss");

    /** The name that makes a write fail. */
    private static final String FAILING_NAME = "Bozuk Kayıt";

    @TempDir
    Path dir;

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("SQLite", (Supplier<HikariDataSource>) TestDatabases::freshSqlite,
                        "CREATE TRIGGER crm_fail_insert BEFORE INSERT ON crm_customer FOR EACH ROW"
                                + " WHEN NEW.full_name = '" + FAILING_NAME + "' BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
                                + STATEMENTS
                                + "CREATE TRIGGER crm_fail_update BEFORE UPDATE ON crm_customer FOR EACH ROW"
                                + " WHEN NEW.full_name = '" + FAILING_NAME + "' BEGIN SELECT RAISE(ABORT, 'injected failure'); END"),
                Arguments.of("PostgreSQL", (Supplier<HikariDataSource>) TestDatabases::freshPostgres,
                        "CREATE FUNCTION crm_fail() RETURNS trigger AS $$ BEGIN"
                                + " IF NEW.full_name = '" + FAILING_NAME + "' THEN"
                                + " RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;"
                                + " CREATE TRIGGER crm_fail BEFORE INSERT OR UPDATE ON crm_customer"
                                + " FOR EACH ROW EXECUTE FUNCTION crm_fail()"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aFailingStatementRollsBackTheWholeUnitOfWork(String name, Supplier<HikariDataSource> fresh, String trigger)
            throws SQLException {
        try (HikariDataSource ds = fresh.get()) {
            Crm crm = Crm.builder(JdbcStorage.builder(ds).build()).build();
            execute(ds, trigger);
            var kept = crm.customers().create(ADMIN, NewCustomer.builder("Ayşe Yılmaz", "05301234567").build());

            assertThatThrownBy(() -> crm.customers().create(ADMIN,
                    NewCustomer.builder(FAILING_NAME, "05301234568").build()))
                    .isInstanceOf(StorageException.class)
                    .satisfies(e -> assertThat(((CrmException) e).code()).isEqualTo(ErrorCode.STORAGE_FAILURE))
                    .hasMessageContaining("storing a customer");
            assertThatThrownBy(() -> crm.customers().update(ADMIN,
                    dev.crmkit.core.customer.CustomerUpdate.of(kept).fullName(FAILING_NAME).build()))
                    .isInstanceOf(StorageException.class);

            assertThat(crm.customers().count(ADMIN, CustomerQuery.all())).isOne();
            var stored = crm.customers().get(ADMIN, kept.id());
            assertThat(stored.fullName()).isEqualTo("Ayşe Yılmaz");
            assertThat(stored.version()).isEqualTo(kept.version());
            assertThat(crm.activities().timeline(ADMIN, kept.id(),
                    dev.crmkit.core.activity.ActivityQuery.newest(10)).items())
                    .as("the failed update left no activity").hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anImportWhoseChunkFailsKeepsExactlyTheChunksCommittedBefore(String name, Supplier<HikariDataSource> fresh,
                                                                     String trigger) throws Exception {
        try (HikariDataSource ds = fresh.get()) {
            Crm crm = Crm.builder(JdbcStorage.builder(ds).build()).build();
            execute(ds, trigger);
            StringBuilder sb = new StringBuilder("isim;telefon\n");
            for (int i = 0; i < 100; i++) {
                String person = i == 55 ? FAILING_NAME : "Kişi " + i;
                sb.append(person).append(";0532").append(String.format("%07d", i)).append('\n');
            }
            Path file = Files.writeString(dir.resolve(name + ".csv"), sb.toString(), StandardCharsets.UTF_8);
            Importer importer = Importer.builder(crm).workDir(dir).build();

            ImportReport report = importer.importFile(ADMIN, file, ImportOptions.builder().chunkSize(20).build());

            assertThat(report.status()).isEqualTo(JobStatus.FAILED);
            assertThat(report.job().fatalCode()).isEqualTo(ErrorCode.STORAGE_FAILURE);
            assertThat(report.job().rows()).as("chunks 1 and 2 committed, chunk 3 failed").isEqualTo(40);
            assertThat(report.job().created()).isEqualTo(40);
            assertThat(crm.customers().count(ADMIN, CustomerQuery.all())).as("no row of the failed chunk").isEqualTo(40);
            assertThat(crm.activities().feed(ADMIN, dev.crmkit.core.activity.ActivityQuery.newest(1000)).items())
                    .hasSize(40);
        }
    }

    @Test
    void anUnreachableDatabaseIsAStorageFailure() {
        try (HikariDataSource ds = TestDatabases.freshSqlite()) {
            JdbcStorage storage = JdbcStorage.builder(ds).build();
            Crm crm = Crm.builder(storage).build();
            ds.close();
            assertThatThrownBy(() -> crm.customers().count(ADMIN, CustomerQuery.all()))
                    .isInstanceOf(StorageException.class)
                    .satisfies(e -> assertThat(((CrmException) e).code()).isEqualTo(ErrorCode.STORAGE_FAILURE));
        }
        assertThatThrownBy(() -> JdbcStorage.builder(new Unreachable()).build()).isInstanceOf(StorageException.class)
                .hasMessageContaining("could not be reached");
    }

    /** Separates the statements of one trigger definition. */
    private static final String STATEMENTS = "\n;\n";

    private static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql.split(STATEMENTS)) {
                s.execute(statement);
            }
        }
    }

    /** A data source whose database is down. */
    private static final class Unreachable implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("connection refused", "08001");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
