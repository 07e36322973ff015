package dev.crmkit.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Fixes PostgreSQL's plan for a search by word prefix. The planner cannot estimate how many
 * customers a prefix query matches (measured: 3,603 rows estimated for a word only one customer
 * has, 7,134 for a phone prefix of ten), and a wrong guess either walks the list's index through
 * the whole tenant looking for a page of matches, or builds a bitmap of tens of thousands of
 * matches to sort them (the GIN index gives about three matches a microsecond: 23 ms for a first
 * name 61,717 customers of a million have). So a search is two steps:
 * <ol>
 *   <li>the first {@link #WINDOW} customers of the list are walked in its order, each checked
 *       against the terms (about two thousand a millisecond); when the page fills there, that is
 *       the page, and for a common term (one customer in 400 or more) it fills at once;
 *   <li>else the term is rare and its matches few: they are read from the GIN index and sorted.
 * </ol>
 */
final class PgPlanner {

    /** How many customers of the list a search walks before it reads the key index's matches instead. */
    static final int WINDOW = 20_000;

    /** The plan of one statement. */
    enum Plan {
        /** The GIN index's matches (a bitmap scan), then sorted. */
        KEYS("off", "off", "on"),
        /** The list's index walked in order, each customer checked. */
        WALK("on", "off", "off");

        final String indexScan;
        final String seqScan;
        final String bitmapScan;

        Plan(String indexScan, String seqScan, String bitmapScan) {
            this.indexScan = indexScan;
            this.seqScan = seqScan;
            this.bitmapScan = bitmapScan;
        }
    }

    /** Work run under a plan. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private PgPlanner() {
    }

    /**
     * Runs work with the planner's scan settings set for the plan, for the rest of the
     * transaction, and puts the settings back afterwards.
     */
    static <T> T under(Connection c, Plan plan, Work<T> work) throws SQLException {
        String[] previous = new String[3];
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('enable_indexscan'),"
                + " current_setting('enable_seqscan'), current_setting('enable_bitmapscan'),"
                + " set_config('enable_indexscan', ?, true), set_config('enable_seqscan', ?, true),"
                + " set_config('enable_bitmapscan', ?, true)")) {
            ps.setString(1, plan.indexScan);
            ps.setString(2, plan.seqScan);
            ps.setString(3, plan.bitmapScan);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                for (int i = 0; i < 3; i++) {
                    previous[i] = rs.getString(i + 1);
                }
            }
        }
        try {
            return work.run();
        } finally {
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('enable_indexscan', ?, true),"
                    + " set_config('enable_seqscan', ?, true), set_config('enable_bitmapscan', ?, true)")) {
                for (int i = 0; i < 3; i++) {
                    ps.setString(i + 1, previous[i]);
                }
                ps.execute();
            }
        }
    }
}
