package dev.crmkit.bench.importing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.crmkit.jdbc.CrmSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The benchmark's database behind a connection pool, with the crmkit schema migrated: an embedded
 * PostgreSQL started for the run, or an in-memory H2. {@link #empty()} brings it back to an empty
 * schema between runs.
 */
final class BenchDatabase implements AutoCloseable {

    /** Connections of the pool. */
    static final int POOL_SIZE = 8;

    private final EmbeddedPostgres server;
    private final HikariDataSource pool;
    private final boolean postgres;

    private BenchDatabase(EmbeddedPostgres server, HikariDataSource pool, boolean postgres) {
        this.server = server;
        this.pool = pool;
        this.postgres = postgres;
    }

    /** Starts an embedded PostgreSQL (the binaries from Maven Central) and migrates the schema. */
    static BenchDatabase postgres() throws IOException {
        EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        try {
            HikariDataSource pool = pool(server.getJdbcUrl("postgres", "postgres"), "postgres");
            CrmSchema.migrate(pool);
            return new BenchDatabase(server, pool, true);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** An in-memory H2 database of the given name, migrated. */
    static BenchDatabase h2(String name) {
        HikariDataSource pool = pool("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa");
        CrmSchema.migrate(pool);
        return new BenchDatabase(null, pool, false);
    }

    /**
     * A new H2 file database in the folder, migrated: as the command line tool keeps its store.
     * A million customers with their indexes do not fit a heap as an in-memory database.
     */
    static BenchDatabase h2File(java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        for (String file : new String[] {"bench.mv.db", "bench.trace.db"}) {
            java.nio.file.Files.deleteIfExists(dir.resolve(file));
        }
        HikariDataSource pool = pool("jdbc:h2:file:" + dir.resolve("bench").toAbsolutePath(), "sa");
        CrmSchema.migrate(pool);
        return new BenchDatabase(null, pool, false);
    }

    DataSource dataSource() {
        return pool;
    }

    boolean isPostgres() {
        return postgres;
    }

    /** What the database is, and for PostgreSQL the settings that matter for writing. */
    String describe() throws SQLException {
        try (Connection c = pool.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            StringBuilder sb = new StringBuilder(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
            if (postgres) {
                try (Statement s = c.createStatement()) {
                    for (String setting : List.of("shared_buffers", "work_mem", "maintenance_work_mem",
                            "synchronous_commit", "fsync", "max_wal_size")) {
                        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                            rs.next();
                            sb.append(", ").append(setting).append(' ').append(rs.getString(1));
                        }
                    }
                }
            }
            return sb.append(", pool of ").append(POOL_SIZE).toString();
        }
    }

    /**
     * Empties every table of the crmkit schema (Flyway's history excepted) and restarts its
     * sequences, then renews the pool's connections. The tables are found in the catalogue, so
     * tables a later migration adds are emptied too. New connections start without the statements
     * the driver prepared on the server in the previous run: PostgreSQL would otherwise re-plan
     * those cached statements against the emptied table and keep that plan as the table fills.
     */
    void empty() throws SQLException {
        truncate();
        pool.getHikariPoolMXBean().softEvictConnections();
    }

    private void truncate() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    String lower = name.toLowerCase(Locale.ROOT);
                    String type = rs.getString("TABLE_TYPE");
                    boolean table = "TABLE".equals(type) || "BASE TABLE".equals(type);
                    if (table && "public".equalsIgnoreCase(rs.getString("TABLE_SCHEM")) && lower.startsWith("crm_")
                            && !lower.equals(CrmSchema.HISTORY_TABLE)) {
                        tables.add(name);
                    }
                }
            }
            if (postgres) {
                s.execute("TRUNCATE " + String.join(", ", tables));
            } else {
                for (String table : tables) {
                    s.execute("TRUNCATE TABLE " + table);
                }
            }
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
        if (!postgres) {
            // An in-memory H2 outlives its connections (DB_CLOSE_DELAY=-1); let its rows go.
            try {
                execute("SHUTDOWN");
            } catch (SQLException e) {
                // Closing anyway.
            }
        }
        pool.close();
        if (server != null) {
            server.close();
        }
    }

    private static HikariDataSource pool(String url, String user) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setPoolName("bench");
        return new HikariDataSource(config);
    }
}
