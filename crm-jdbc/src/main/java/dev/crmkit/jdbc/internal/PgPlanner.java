package dev.crmkit.jdbc.internal;

import dev.crmkit.core.spi.SearchTerm;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Chooses PostgreSQL's plan for a search by word prefix. The planner cannot estimate how many
 * customers a prefix query matches (measured: 3,603 rows estimated for a word only one customer
 * has, 7,134 for a phone prefix of ten), and a wrong guess either walks the list's index through
 * the whole tenant looking for a page of matches, or fetches tens of thousands of matches to sort
 * them. So the adapter decides, in up to three steps:
 * <ol>
 *   <li>it counts the matches through the GIN index up to {@link #SELECTIVE_MATCHES}: fewer are
 *       read from the GIN index and sorted (cheap, there are few);
 *   <li>else the first {@link #WINDOW} customers of the list are walked, each checked, which
 *       fills a page of 50 when at least one customer in 400 matches (a common name, a company
 *       word);
 *   <li>else (a term of moderate reach) the GIN index's matches are read and sorted.
 * </ol>
 */
final class PgPlanner {

    /** Fewer matches than this are read through the key index and sorted. */
    static final long SELECTIVE_MATCHES = 100;

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

    /** How many of the tenant's customers meet every term, counted through the key index up to {@code limit}. */
    static long countUpTo(Connection c, String tenant, List<SearchTerm> terms, long limit) throws SQLException {
        return under(c, Plan.KEYS, () -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM crm_customer"
                    + " WHERE tenant = ? AND search_keys @@ ?::tsquery LIMIT ?) AS matches")) {
                ps.setString(1, tenant);
                ps.setString(2, SearchKeyColumns.query(SearchKeyColumns.tag(tenant), terms));
                ps.setLong(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The plan for listing the customers that meet the terms. */
    static Plan choose(Connection c, String tenant, List<SearchTerm> terms) throws SQLException {
        return countUpTo(c, tenant, terms, SELECTIVE_MATCHES) < SELECTIVE_MATCHES ? Plan.KEYS : Plan.WALK;
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
