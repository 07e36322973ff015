package dev.crmkit.bench.importing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The plain-JDBC floor where there is no COPY (SQLite): the rows cleaned beforehand, inserted with
 * one prepared statement, {@code addBatch} per row and {@code executeBatch} and a commit per
 * {@value #BATCH} rows, ids 1 to n. Only the inserting is timed.
 *
 * <p>The rows go into crmkit's own {@code crm_customer} table, in the columns it has in the
 * database ({@link CustomerColumns#of}), so with the table's indexes: the primary key, the unique
 * phone index and the four sort indexes. On SQLite this writes no search keys (the library adds
 * its rows of {@code crm_search_key} as well), so the floor is the customer rows alone.
 */
final class BatchInsertBaseline {

    static final int BATCH = 1000;

    private BatchInsertBaseline() {
    }

    /** @return the seconds the inserts took */
    static double insert(DataSource ds, boolean postgres, List<CleanRow> rows, CustomerColumns.Run run)
            throws SQLException {
        try (Connection c = ds.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                return timed(c, CustomerColumns.insertSql(postgres), rows,
                        (ps, row, id) -> CustomerColumns.bind(ps, postgres, row, id, run, true));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** Binds one row's values, under the id it is given (1 to n). */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps, CleanRow row, long id) throws SQLException;
    }

    /**
     * The timed loop every batched baseline shares: {@code addBatch} per row, {@code executeBatch}
     * and a commit per {@value #BATCH} rows, on a connection out of auto-commit.
     *
     * @return the seconds it took
     */
    static double timed(Connection c, String insertSql, List<CleanRow> rows, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertSql)) {
            long t0 = System.nanoTime();
            long id = 0;
            int pending = 0;
            for (CleanRow row : rows) {
                binder.bind(ps, row, ++id);
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    c.commit();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
                c.commit();
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }
}
