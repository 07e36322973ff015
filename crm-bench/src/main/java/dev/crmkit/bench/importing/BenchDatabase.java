package dev.crmkit.bench.importing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.crmkit.jdbc.CrmSchema;
import dev.crmkit.jdbc.JdbcStorage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The benchmark's database behind a connection pool, with the crmkit schema migrated: an embedded
 * PostgreSQL started for the run, or a SQLite file (in WAL mode, as {@link JdbcStorage} leaves
 * it). {@link #empty()} brings it back to an empty schema between runs.
 */
final class BenchDatabase implements AutoCloseable {

    /** Connections of the pool. */
    static final int POOL_SIZE = 8;

    /** The SQLite file's name in its folder. */
    static final String SQLITE_FILE = "bench.db";

    private final EmbeddedPostgres server;
    private final HikariDataSource pool;
    private final boolean postgres;
    /** A temporary folder of a SQLite file, removed on close; null if none. */
    private final Path temporary;

    private BenchDatabase(EmbeddedPostgres server, HikariDataSource pool, boolean postgres, Path temporary) {
        this.server = server;
        this.pool = pool;
        this.postgres = postgres;
        this.temporary = temporary;
    }

    /** Starts an embedded PostgreSQL (the binaries from Maven Central) and migrates the schema. */
    static BenchDatabase postgres() throws IOException {
        return postgres(EmbeddedPostgres.builder());
    }

    /**
     * An embedded PostgreSQL as users run one: {@code fsync}, {@code synchronous_commit} and
     * {@code full_page_writes} on, so every commit waits for the disk.
     */
    static BenchDatabase durablePostgres() throws IOException {
        return postgres(EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on").setServerConfig("full_page_writes", "on"));
    }

    /** The server's JDBC URL for the {@code postgres} database and user, or null for SQLite. */
    String postgresUrl() {
        return server == null ? null : server.getJdbcUrl("postgres", "postgres");
    }

    private static BenchDatabase postgres(EmbeddedPostgres.Builder builder) throws IOException {
        EmbeddedPostgres server = builder.start();
        try {
            HikariDataSource pool = pool(server.getJdbcUrl("postgres", "postgres"), "postgres");
            CrmSchema.migrate(pool);
            return new BenchDatabase(server, pool, true, null);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * A SQLite file database of the given name in a new temporary folder, migrated; the folder is
     * removed on {@link #close()}.
     */
    static BenchDatabase sqlite(String name) throws IOException {
        Path folder = Files.createTempDirectory("crm-bench-" + name);
        try {
            return sqlite(folder, folder);
        } catch (RuntimeException e) {
            deleteTree(folder);
            throw e;
        }
    }

    /**
     * A new SQLite file database in the folder ({@value #SQLITE_FILE}, any older one deleted),
     * migrated: as the command line tool keeps its store.
     */
    static BenchDatabase sqliteFile(Path dir) throws IOException {
        return sqlite(dir, null);
    }

    private static BenchDatabase sqlite(Path dir, Path temporary) throws IOException {
        Files.createDirectories(dir);
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Files.deleteIfExists(dir.resolve(SQLITE_FILE + suffix));
        }
        HikariDataSource pool = pool("jdbc:sqlite:" + dir.resolve(SQLITE_FILE).toAbsolutePath(), null);
        try {
            // Migrates the schema and puts the file in WAL mode.
            JdbcStorage.builder(pool).build();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new BenchDatabase(null, pool, false, temporary);
    }

    DataSource dataSource() {
        return pool;
    }

    boolean isPostgres() {
        return postgres;
    }

    /** What the database is, and the settings that matter for writing. */
    String describe() throws SQLException {
        try (Connection c = pool.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            StringBuilder sb = new StringBuilder(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
            try (Statement s = c.createStatement()) {
                if (postgres) {
                    for (String setting : List.of("shared_buffers", "work_mem", "maintenance_work_mem",
                            "synchronous_commit", "fsync", "max_wal_size")) {
                        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                            rs.next();
                            sb.append(", ").append(setting).append(' ').append(rs.getString(1));
                        }
                    }
                } else {
                    for (String pragma : List.of("journal_mode", "synchronous", "page_size", "cache_size")) {
                        try (ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
                            rs.next();
                            sb.append(", ").append(pragma).append(' ').append(rs.getString(1));
                        }
                    }
                }
            }
            return sb.append(", pool of ").append(POOL_SIZE).toString();
        }
    }

    /**
     * Empties every table of the crmkit schema (Flyway's history excepted) and restarts its
     * sequences (on SQLite the rows of {@code crm_sequence}, which is kept), then renews the pool's
     * connections. The tables are found in the catalogue, so
     * tables a later migration adds are emptied too. New connections start without the statements
     * the driver prepared on the server in the previous run: PostgreSQL would otherwise re-plan
     * those cached statements against the emptied table and keep that plan as the table fills.
     */
    void empty() throws SQLException {
        truncate();
        pool.getHikariPoolMXBean().softEvictConnections();
    }

    private void truncate() throws SQLException {
        if (postgres) {
            truncatePostgres();
        } else {
            truncateSqlite();
        }
    }

    private void truncatePostgres() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, "public", "%", null)) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    String type = rs.getString("TABLE_TYPE");
                    boolean table = "TABLE".equals(type) || "BASE TABLE".equals(type);
                    if (table && isCrmTable(name)) {
                        tables.add(name);
                    }
                }
            }
            s.execute("TRUNCATE " + String.join(", ", tables));
            List<String> sequences = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT sequence_name FROM information_schema.sequences")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (name.toLowerCase(Locale.ROOT).startsWith("crm_")) {
                        sequences.add(name);
                    }
                }
            }
            for (String sequence : sequences) {
                s.execute("ALTER SEQUENCE " + sequence + " RESTART WITH 1");
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    /** SQLite: every crmkit table emptied but {@code crm_sequence}, whose values go back to 0. */
    private void truncateSqlite() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (isCrmTable(name) && !name.equalsIgnoreCase(SQLITE_SEQUENCES)) {
                        tables.add(name);
                    }
                }
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                for (String table : tables) {
                    s.execute("DELETE FROM " + table);
                }
                s.execute("UPDATE " + SQLITE_SEQUENCES + " SET next_value = 0");
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** The table of SQLite's id sequences: kept, its values reset. */
    private static final String SQLITE_SEQUENCES = "crm_sequence";

    private static boolean isCrmTable(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("crm_") && !lower.equals(CrmSchema.HISTORY_TABLE);
    }

    /** Rows of a table. */
    long count(String table) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs statements, one by one (for ANALYZE and the like). */
    void execute(String... statements) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The lines of an EXPLAIN (or any one-column query). */
    List<String> lines(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        pool.close();
        if (server != null) {
            server.close();
        }
        if (temporary != null) {
            deleteTree(temporary);
        }
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind harms nothing.
        }
    }

    private static HikariDataSource pool(String url, String user) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setPoolName("bench");
        if (url.startsWith("jdbc:sqlite:")) {
            // A writer waits this long for another connection's writer, as the command line tool's pool.
            config.addDataSourceProperty("busy_timeout", "10000");
        }
        return new HikariDataSource(config);
    }
}
