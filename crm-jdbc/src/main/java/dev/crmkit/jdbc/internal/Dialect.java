package dev.crmkit.jdbc.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What differs between the databases the adapter supports; everything else is standard SQL. */
public enum Dialect {

    POSTGRESQL("postgresql", Columns.POSTGRESQL) {
        @Override
        void beginRead(Connection c) throws SQLException {
            // One statement, sent with the transaction's BEGIN: a snapshot for every query of the unit.
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; " + CUSTOM_PLANS);
            }
        }

        @Override
        void beginWrite(Connection c, String tenant) throws SQLException {
            // A transaction-scoped advisory lock per tenant serializes the tenant's writers across
            // processes without a hot row; the class id keeps clear of the host's own advisory locks.
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pg_advisory_xact_lock(?, ?), set_config('plan_cache_mode', 'force_custom_plan', true)")) {
                ps.setInt(1, ADVISORY_LOCK_CLASS);
                ps.setInt(2, tenant.hashCode());
                ps.execute();
            }
        }

        @Override
        long[] nextIds(Connection c, String sequence, int n) throws SQLException {
            long[] ids = new long[n];
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT nextval('" + sequence + "') FROM generate_series(1, ?)")) {
                ps.setInt(1, n);
                try (ResultSet rs = ps.executeQuery()) {
                    for (int i = 0; i < n; i++) {
                        if (!rs.next()) {
                            throw new SQLException("the sequence " + sequence + " gave fewer than " + n + " values");
                        }
                        ids[i] = rs.getLong(1);
                    }
                }
            }
            java.util.Arrays.sort(ids);
            return ids;
        }

        @Override
        String phonesLookupSql() {
            // One unique-index probe per number, whatever the statistics say: joined as a set,
            // a table the planner believes small (statistics lag behind an import) is scanned
            // whole for every chunk.
            return "SELECT p.phone, (SELECT c.id FROM crm_customer c WHERE c.tenant = ? AND c.primary_phone = p.phone)"
                    + " FROM unnest(?::varchar[]) AS p(phone)";
        }

        @Override
        String customersByIdsSql(String columns) {
            // Each id looked up by the primary key whatever the statistics say (see phonesLookupSql).
            return "SELECT " + columns + " FROM unnest(?::bigint[]) AS i(id) CROSS JOIN LATERAL"
                    + " (SELECT * FROM crm_customer WHERE id = i.id AND tenant = ? LIMIT 1) AS c";
        }

        @Override
        void setArray(Connection c, PreparedStatement ps, int index, String sqlType, Object[] values)
                throws SQLException {
            ps.setArray(index, c.createArrayOf(sqlType, values));
        }

        @Override
        String claimJobSql() {
            // SKIP LOCKED lets processes claim side by side without waiting for each other's
            // candidates, and the row lock keeps two claims of one job apart.
            return "SELECT id, tenant FROM crm_import_job"
                    + " WHERE status IN ('QUEUED', 'RUNNING') AND (lease_until IS NULL OR lease_until < ?)"
                    + " ORDER BY submitted_at, id LIMIT 1 FOR UPDATE SKIP LOCKED";
        }

        @Override
        String lockBlobSql() {
            return "SELECT created_at FROM crm_blob WHERE tenant = ? AND blob_key = ? FOR UPDATE";
        }
    },

    SQLITE("sqlite", Columns.SQLITE) {
        @Override
        void beginRead(Connection c) {
            // A deferred transaction: its first query takes a snapshot of the database (WAL mode),
            // which the rest of the unit reads; readers never wait for the writer.
        }

        @Override
        void beginWrite(Connection c, String tenant) throws SQLException {
            // SQLite has one writer at a time for the whole file, which serializes a tenant's
            // writers too. A write as the transaction's first statement takes the write lock
            // before the unit reads anything, so the unit never sees a snapshot older than the
            // data it changes. The driver's busy timeout bounds one wait for the lock; the attempt
            // is repeated until the writer's turn comes, as on any lock a writer waits for.
            takeWriteLock(c, "INSERT INTO crm_tenant (tenant) VALUES (?) ON CONFLICT DO NOTHING", tenant);
        }

        @Override
        long[] nextIds(Connection c, String sequence, int n) throws SQLException {
            long last;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE crm_sequence SET next_value = next_value + ? WHERE name = ? RETURNING next_value")) {
                ps.setInt(1, n);
                ps.setString(2, sequence);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("the sequence " + sequence + " does not exist");
                    }
                    last = rs.getLong(1);
                }
            }
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = last - n + 1 + i;
            }
            return ids;
        }

        @Override
        String phonesLookupSql() {
            return "SELECT p.value, (SELECT c.id FROM crm_customer c WHERE c.tenant = ? AND c.primary_phone = p.value)"
                    + " FROM json_each(?) AS p";
        }

        @Override
        String customersByIdsSql(String columns) {
            return "SELECT " + columns + " FROM json_each(?) AS i CROSS JOIN crm_customer c"
                    + " ON c.id = i.value AND c.tenant = ?";
        }

        @Override
        void setArray(Connection c, PreparedStatement ps, int index, String sqlType, Object[] values)
                throws SQLException {
            // SQLite has no arrays: the values go as a JSON array, which json_each reads.
            StringBuilder json = new StringBuilder(values.length * 16 + 2).append('[');
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    json.append(',');
                }
                if (values[i] instanceof Number) {
                    json.append(values[i]);
                } else {
                    json.append(Json.quote(values[i].toString()));
                }
            }
            ps.setString(index, json.append(']').toString());
        }

        @Override
        String claimJobSql() {
            // The claim's transaction holds the write lock from its first statement
            // (beginExclusive), so no other process claims between this read and the update.
            return "SELECT id, tenant FROM crm_import_job"
                    + " WHERE status IN ('QUEUED', 'RUNNING') AND (lease_until IS NULL OR lease_until < ?)"
                    + " ORDER BY submitted_at, id LIMIT 1";
        }

        @Override
        void beginExclusive(Connection c) throws SQLException {
            // A write that changes nothing, as the transaction's first statement.
            takeWriteLock(c, "UPDATE crm_sequence SET next_value = next_value WHERE name = ?", "crm_import_job_seq");
        }

        @Override
        String lockBlobSql() {
            // The transaction holds the file's write lock already (beginExclusive).
            return "SELECT created_at FROM crm_blob WHERE tenant = ? AND blob_key = ?";
        }
    };

    /**
     * Every statement of a unit of work is planned for its own values. A pooled connection
     * otherwise settles on a generic plan after a few runs, and for a pattern or a list of
     * numbers planned blind (or while a table was still empty) that plan can read a whole table.
     */
    static final String CUSTOM_PLANS = "SET LOCAL plan_cache_mode = force_custom_plan";

    /** The first key of the adapter's PostgreSQL advisory locks ("CRMK"). */
    static final int ADVISORY_LOCK_CLASS = 0x43524d4b;
    /** How long a writer waits for the database's other writers on SQLite. */
    static final long LOCK_WAIT_MILLIS = 60_000;

    private final String migrationFolder;
    private final Columns columns;
    /** Read from the class path on first use: see {@link #latestSchemaVersion()}. */
    private volatile @Nullable Optional<String> latestSchemaVersion;

    Dialect(String migrationFolder, Columns columns) {
        this.migrationFolder = migrationFolder;
        this.columns = columns;
    }

    /**
     * The version of this database's newest shipped migration, by the scripts' names on the class
     * path; empty where the class path cannot be listed (see {@link MigrationFolder}).
     */
    public Optional<String> latestSchemaVersion() {
        Optional<String> latest = latestSchemaVersion;
        if (latest == null) {
            latest = MigrationFolder.latestVersion(Dialect.class.getClassLoader(), "db/crmkit/" + migrationFolder);
            latestSchemaVersion = latest;
        }
        return latest;
    }

    /** The database behind a connection. */
    public static Dialect of(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("sqlite")) {
            return SQLITE;
        }
        throw new SQLException("crmkit supports PostgreSQL and SQLite, not " + meta.getDatabaseProductName());
    }

    /** The classpath folder of this database's migrations. */
    public String migrationLocation() {
        return "classpath:db/crmkit/" + migrationFolder;
    }

    /** How values of the schema's types are bound and read. */
    Columns columns() {
        return columns;
    }

    /** Starts a read-only unit of work with a consistent view (the connection is not auto-committing). */
    abstract void beginRead(Connection c) throws SQLException;

    /** Undoes what {@link #beginRead} set on the connection. */
    void endRead(Connection c) throws SQLException {
    }

    /** Starts a writing unit of work: waits until no other unit of work writes to the tenant. */
    abstract void beginWrite(Connection c, String tenant) throws SQLException;

    /**
     * Starts a transaction that reads before it writes and must not let another writer in between
     * (claiming an import job, writing or removing a blob); the connection is not auto-committing.
     * PostgreSQL needs nothing here: those transactions lock the rows they read.
     */
    void beginExclusive(Connection c) throws SQLException {
    }

    /** Takes {@code n} new values of a sequence, ascending. */
    abstract long[] nextIds(Connection c, String sequence, int n) throws SQLException;

    /**
     * Customers' ids by primary phone: parameter 1 the tenant, 2 an array of E.164 numbers; a
     * row per number, with a null id where no customer has it.
     */
    abstract String phonesLookupSql();

    /** The customers with the given ids: parameter 1 an array of ids, 2 the tenant; the customer table is {@code c}. */
    abstract String customersByIdsSql(String columns);

    /** Binds an array parameter of {@link #phonesLookupSql} or {@link #customersByIdsSql}. */
    abstract void setArray(Connection c, PreparedStatement ps, int index, String sqlType, Object[] values)
            throws SQLException;

    /** Selects the id and tenant of the oldest job needing a worker, locked for the claim; parameter 1 now. */
    abstract String claimJobSql();

    /** Locks a blob's row until the transaction ends and returns its created_at; parameters tenant and key. */
    abstract String lockBlobSql();

    String upsertGrantSql() {
        return "INSERT INTO crm_grant (tenant, kind, name, level) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (tenant, kind, name) DO UPDATE SET level = EXCLUDED.level";
    }

    String upsertRejectedRowSql() {
        return "INSERT INTO crm_import_rejected_row (job_id, row_no, tenant, cells, errors) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (job_id, row_no) DO UPDATE SET cells = EXCLUDED.cells, errors = EXCLUDED.errors";
    }

    /**
     * Runs a write as the transaction's first statement, repeating it while another connection
     * holds SQLite's write lock, up to {@link #LOCK_WAIT_MILLIS}.
     */
    private static void takeWriteLock(Connection c, String sql, String parameter) throws SQLException {
        long deadline = System.nanoTime() + LOCK_WAIT_MILLIS * 1_000_000L;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            while (true) {
                try {
                    ps.executeUpdate();
                    return;
                } catch (SQLException e) {
                    if (!SqlErrors.isBusy(e) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    pause();
                }
            }
        }
    }

    private static void pause() throws SQLException {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the database's other writers", "40001", e);
        }
    }
}
