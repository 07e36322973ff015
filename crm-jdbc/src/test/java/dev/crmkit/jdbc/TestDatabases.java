package dev.crmkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The databases of the tests, started once per test JVM: a real PostgreSQL from Maven Central's
 * embedded binaries and a SQLite file in a temporary folder, each behind a connection pool as a
 * host would have it.
 * Contract suites get an emptied, migrated database for every test.
 */
public final class TestDatabases {

    /** Every table of the schema, emptied between tests. */
    private static final String[] TABLES = {"crm_tenant", "crm_customer", "crm_activity", "crm_audit",
            "crm_custom_field", "crm_grant", "crm_import_job", "crm_import_rejected_row", "crm_import_change",
            "crm_import_source", "crm_result_code", "crm_result", "crm_product",
            "crm_script", "crm_work_item", "crm_capability", "crm_call", "crm_message_template", "crm_message",
            "crm_attachment", "crm_blob", "crm_blob_part"};

    /** Tables only SQLite has. */
    private static final String[] SQLITE_TABLES = {"crm_search_key"};

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static java.nio.file.Path sqliteFolder;

    private static EmbeddedPostgres postgres;
    private static HikariDataSource postgresPool;
    private static HikariDataSource sqlitePool;

    private TestDatabases() {
    }

    /** The shared PostgreSQL server, started on first use and stopped when the JVM ends. */
    public static synchronized EmbeddedPostgres postgresServer() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded PostgreSQL did not start", e);
            }
            // The library stops the server in a shutdown hook of its own.
        }
        return postgres;
    }

    /** A pooled data source on the shared PostgreSQL, migrated. */
    public static synchronized DataSource postgres() {
        if (postgresPool == null) {
            postgresPool = pool(postgresServer().getJdbcUrl("postgres", "postgres"), "postgres");
            CrmSchema.migrate(postgresPool);
        }
        return postgresPool;
    }

    /** A pooled data source on the shared SQLite file, migrated (in WAL mode, as the storage leaves it). */
    public static synchronized DataSource sqlite() {
        if (sqlitePool == null) {
            sqlitePool = freshSqlite();
            JdbcStorage.builder(sqlitePool).build();
        }
        return sqlitePool;
    }

    /** A new, empty, unmigrated SQLite file of its own in the tests' temporary folder, pooled. */
    public static synchronized HikariDataSource freshSqlite() {
        return pool(sqliteUrl(sqliteFile("crm-" + NAMES.incrementAndGet() + ".db")), "");
    }

    /** A path for a new SQLite file in the tests' temporary folder (removed when the JVM ends). */
    public static synchronized java.nio.file.Path sqliteFile(String name) {
        if (sqliteFolder == null) {
            try {
                sqliteFolder = java.nio.file.Files.createTempDirectory("crm-sqlite-tests");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            java.nio.file.Path folder = sqliteFolder;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(folder)));
        }
        return sqliteFolder.resolve(name);
    }

    /** The JDBC URL of a SQLite file. */
    public static String sqliteUrl(java.nio.file.Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    private static void deleteTree(java.nio.file.Path folder) {
        try (var paths = java.nio.file.Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind harms nothing.
        }
    }

    /** A new, empty, unmigrated PostgreSQL database of its own on the shared server, pooled. */
    public static HikariDataSource freshPostgres() {
        String name = "crm_fresh_" + NAMES.incrementAndGet();
        try (Connection c = postgresServer().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return pool(postgresServer().getJdbcUrl("postgres", name), "postgres");
    }

    /** Empties every table of the schema. */
    public static void empty(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
                s.execute("TRUNCATE " + String.join(", ", TABLES));
            } else {
                for (String table : TABLES) {
                    s.execute("DELETE FROM " + table);
                }
                for (String table : SQLITE_TABLES) {
                    s.execute("DELETE FROM " + table);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the test database could not be emptied", e);
        }
    }

    /** Storage on an emptied shared PostgreSQL. */
    public static JdbcStorage emptyPostgresStorage() {
        DataSource ds = postgres();
        empty(ds);
        return JdbcStorage.builder(ds).migrate(false).build();
    }

    /** Storage on an emptied shared SQLite file. */
    public static JdbcStorage emptySqliteStorage() {
        DataSource ds = sqlite();
        empty(ds);
        return JdbcStorage.builder(ds).migrate(false).build();
    }

    private static HikariDataSource pool(String url, String user) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (!user.isEmpty()) {
            config.setUsername(user);
        }
        config.setMaximumPoolSize(12);
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }
}
