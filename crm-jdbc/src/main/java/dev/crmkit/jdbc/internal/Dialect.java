package dev.crmkit.jdbc.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** What differs between the databases the adapter supports; everything else is standard SQL. */
public enum Dialect {

    POSTGRESQL("postgresql") {
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
        String nextIdsSql(String sequence) {
            return "SELECT nextval('" + sequence + "') FROM generate_series(1, ?)";
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
        String upsertGrantSql() {
            return "INSERT INTO crm_grant (tenant, kind, name, level) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (tenant, kind, name) DO UPDATE SET level = EXCLUDED.level";
        }

        @Override
        String upsertRejectedRowSql() {
            return "INSERT INTO crm_import_rejected_row (job_id, row_no, tenant, cells, errors) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (job_id, row_no) DO UPDATE SET cells = EXCLUDED.cells, errors = EXCLUDED.errors";
        }
    },

    H2("h2") {
        @Override
        void beginRead(Connection c) throws SQLException {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }

        @Override
        void endRead(Connection c) throws SQLException {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }

        @Override
        void beginWrite(Connection c, String tenant) throws SQLException {
            // Merging the tenant's row locks it until the transaction ends. H2 gives up waiting
            // for a lock after the session's lock timeout (a second by default); rather than
            // change the host's session, the attempt is repeated until the writer's turn comes.
            long deadline = System.nanoTime() + LOCK_WAIT_MILLIS * 1_000_000L;
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO crm_tenant KEY (tenant) VALUES (?)")) {
                ps.setString(1, tenant);
                while (true) {
                    try {
                        ps.execute();
                        return;
                    } catch (SQLException e) {
                        if (!H2_LOCK_TIMEOUT.equals(e.getSQLState()) || System.nanoTime() > deadline) {
                            throw e;
                        }
                        pause(); // in case the host's lock timeout is zero
                    }
                }
            }
        }

        @Override
        String nextIdsSql(String sequence) {
            return "SELECT NEXT VALUE FOR " + sequence + " FROM SYSTEM_RANGE(1, ?)";
        }

        @Override
        String phonesLookupSql() {
            // A table of the numbers joined to the customers, so each is one unique-index probe.
            return "SELECT p.phone, c.id FROM TABLE(phone VARCHAR = ?2) p"
                    + " JOIN crm_customer c ON c.tenant = ?1 AND c.primary_phone = p.phone";
        }

        @Override
        String upsertGrantSql() {
            return "MERGE INTO crm_grant (tenant, kind, name, level) KEY (tenant, kind, name) VALUES (?, ?, ?, ?)";
        }

        @Override
        String upsertRejectedRowSql() {
            return "MERGE INTO crm_import_rejected_row (job_id, row_no, tenant, cells, errors) KEY (job_id, row_no)"
                    + " VALUES (?, ?, ?, ?, ?)";
        }
    };

    /**
     * Every statement of a unit of work is planned for its own values. A pooled connection
     * otherwise settles on a generic plan after a few runs, and for a LIKE pattern or a list of
     * numbers planned blind (or while a table was still empty) that plan can read a whole table.
     */
    static final String CUSTOM_PLANS = "SET LOCAL plan_cache_mode = force_custom_plan";

    /** The first key of the adapter's PostgreSQL advisory locks ("CRMK"). */
    static final int ADVISORY_LOCK_CLASS = 0x43524d4b;
    /** How long a writer waits for another writer of the same tenant on H2. */
    static final long LOCK_WAIT_MILLIS = 60_000;
    /** The SQL state of H2's lock timeout. */
    static final String H2_LOCK_TIMEOUT = "HYT00";

    private final String migrationFolder;

    Dialect(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    /** The database behind a connection. */
    public static Dialect of(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("h2")) {
            return H2;
        }
        throw new SQLException("crmkit supports PostgreSQL and H2, not " + meta.getDatabaseProductName());
    }

    /** The classpath folder of this database's migrations. */
    public String migrationLocation() {
        return "classpath:db/crmkit/" + migrationFolder;
    }

    /** Starts a read-only unit of work with a consistent view (the connection is not auto-committing). */
    abstract void beginRead(Connection c) throws SQLException;

    /** Undoes what {@link #beginRead} set on the connection. */
    void endRead(Connection c) throws SQLException {
    }

    /** Starts a writing unit of work: waits until no other unit of work writes to the tenant. */
    abstract void beginWrite(Connection c, String tenant) throws SQLException;

    /** A query returning {@code ?} new values of a sequence, ascending. */
    abstract String nextIdsSql(String sequence);

    /**
     * Customers' ids by primary phone: parameter 1 the tenant, 2 an array of E.164 numbers; a
     * row per number, with a null id where no customer has it.
     */
    abstract String phonesLookupSql();

    abstract String upsertGrantSql();

    abstract String upsertRejectedRowSql();

    private static void pause() throws SQLException {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the tenant's other writers", "HYT00", e);
        }
    }

    /** Takes {@code n} new values of a sequence, ascending. */
    long[] nextIds(Connection c, String sequence, int n) throws SQLException {
        long[] ids = new long[n];
        try (PreparedStatement ps = c.prepareStatement(nextIdsSql(sequence))) {
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
}
