package dev.crmkit.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.crmkit.core.customer.CustomerSort;
import dev.crmkit.core.spi.CustomerCriteria;
import dev.crmkit.core.spi.SearchKeys;
import dev.crmkit.core.spi.SearchTerm;
import dev.crmkit.core.spi.SortKey;
import dev.crmkit.jdbc.CrmSchema;
import dev.crmkit.jdbc.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's plans for the adapter's own statements on a table of 200,000 customers of two
 * tenants: searches (through the GIN index of tenant-tagged search keys), lookups and pages are
 * answered from indexes, never by reading the whole table. The plans are printed, so a reader of the build log sees them.
 */
class PostgresPlansTest {

    private static final int ACME_ROWS = 180_000;
    private static final int OTHER_ROWS = 20_000;
    private static HikariDataSource ds;

    @BeforeAll
    static void fill() throws SQLException {
        ds = TestDatabases.freshPostgres();
        CrmSchema.migrate(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(insertCustomers("acme", 0, ACME_ROWS));
            s.execute(insertCustomers("globex", ACME_ROWS, OTHER_ROWS));
            s.execute("INSERT INTO crm_activity (id, tenant, customer_id, type, actor_id, at, text)"
                    + " SELECT nextval('crm_activity_seq'), tenant, id, 'LOG', 'boss', created_at, 'Customer created'"
                    + " FROM crm_customer");
            s.execute("ANALYZE");
        }
    }

    /** Customers with names from a small Turkish list, so that common terms match many rows. */
    private static String insertCustomers(String tenant, int from, int n) {
        String names = "ARRAY['ayse','mehmet','isik','cagri','gulsen','ismail','zeynep','emre']";
        String families = "ARRAY['yilmaz','kaya','demir','sahin','celik','ozturk','aydin','arslan','dogan','kilic']";
        return "INSERT INTO crm_customer (id, tenant, version, type, full_name, primary_phone, phones, email, segment,"
                + " status, created_at, updated_at, total_contacts, total_calls, total_call_seconds, name_key,"
                + " search_keys)"
                + " SELECT nextval('crm_customer_seq'), '" + tenant + "', 1, 'PERSON', n, p,"
                + "   '[{\"number\":\"' || p || '\",\"status\":\"ACTIVE\",\"favorite\":false}]', e, 'NORMAL', 'ACTIVE',"
                + "   t, t, g % 40, 0, 0, n, array_to_tsvector(ARRAY[tag || split_part(n, ' ', 1),"
                + "   tag || split_part(n, ' ', 2), tag || chr(2) || e, tag || chr(2) || 'ornek.com.tr', tag || 'user' || g,"
                + "   tag || 'ornek',"
                + "   tag || 'com', tag || 'tr', tag || substr(p, 2), tag || '0' || substr(p, 4), tag || substr(p, 4),"
                + "   tag || chr(1) || reverse(substr(p, 2))])"
                + " FROM (SELECT g, '" + SearchKeyColumns.tag(tenant) + "' AS tag,"
                + "   (" + names + ")[1 + g % 8] || ' ' || (" + families + ")[1 + (g / 8) % 10] AS n,"
                + "   '+9053' || lpad(g::text, 8, '0') AS p,"
                + "   'user' || g || '@ornek.com.tr' AS e,"
                + "   TIMESTAMPTZ '2026-01-01 00:00:00+00' + g * INTERVAL '1 second' AS t"
                + "   FROM generate_series(" + from + ", " + (from + n - 1) + ") AS g) AS rows";
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    private static CustomerCriteria criteria(List<String> words, CustomerSort sort, SortKey after) {
        return new CustomerCriteria(words.stream().map(SearchTerm::word).toList(), Set.of(), Set.of(), null, null,
                null, sort, after, 50);
    }

    private static CustomerCriteria phone(String digits) {
        return new CustomerCriteria(List.of(new SearchTerm(List.of(digits, SearchKeys.suffixKey(digits)))), Set.of(),
                Set.of(), null, null, null, CustomerSort.UPDATED, null, 50);
    }

    private static SearchSql select(CustomerCriteria criteria) {
        return SearchSql.select(Dialect.POSTGRESQL, "acme", criteria, SearchSql.SqlitePlan.WALK);
    }

    private static SearchSql count(CustomerCriteria criteria) {
        return SearchSql.count(Dialect.POSTGRESQL, "acme", criteria, SearchSql.SqlitePlan.WALK);
    }

    private static String explain(SearchSql q) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("EXPLAIN " + q.sql())) {
            q.bind(ps);
            return plan(ps);
        }
    }

    /**
     * The plans of a search as the adapter runs it: the window of the list walked first, then, if
     * the page did not fill there, the key index; with how many customers the window gave.
     */
    private static String explainAsAdapter(CustomerCriteria criteria, boolean count) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (count) {
                    SearchSql q = count(criteria);
                    return PgPlanner.under(c, PgPlanner.Plan.KEYS, () -> "KEYS:\n" + explain(c, q));
                }
                SearchSql window = SearchSql.windowOfList("acme", criteria, PgPlanner.WINDOW);
                int found = PgPlanner.under(c, PgPlanner.Plan.WALK, () -> rows(c, window));
                String walked = PgPlanner.under(c, PgPlanner.Plan.WALK, () -> explain(c, window));
                if (found >= criteria.limit()) {
                    return "WALK (" + found + " in the window):\n" + walked;
                }
                SearchSql q = select(criteria);
                return "KEYS (" + found + " in the window):\n" + walked + PgPlanner.under(c, PgPlanner.Plan.KEYS,
                        () -> explain(c, q));
            } finally {
                c.rollback();
            }
        }
    }

    private static String explain(Connection c, SearchSql q) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + q.sql())) {
            q.bind(ps);
            return plan(ps);
        }
    }

    private static String plan(PreparedStatement ps) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sb.append(rs.getString(1)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String show(String what, String plan) {
        System.out.println("PostgreSQL plan: " + what + "\n" + plan);
        return plan;
    }

    private static int rows(Connection c, SearchSql q) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(q.sql())) {
            q.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                int n = 0;
                while (rs.next()) {
                    n++;
                }
                return n;
            }
        }
    }

    @Test
    void aRareWordIsFoundThroughTheKeyIndex() throws SQLException {
        String plan = show("search 'user123456'", explainAsAdapter(criteria(List.of("user123456"), CustomerSort.UPDATED, null), false));
        assertThat(plan).startsWith("KEYS").contains("Bitmap Index Scan on crm_customer_keys").doesNotContain("Seq Scan");
        String none = show("search 'qqqq', which nobody has", explainAsAdapter(criteria(List.of("qqqq"), CustomerSort.NAME, null), false));
        assertThat(none).startsWith("KEYS").contains("crm_customer_keys").doesNotContain("Seq Scan");
    }

    @Test
    void aCommonWordWalksTheListsIndexAndStopsAtTheLimit() throws SQLException {
        // 'ayse' is an eighth of acme's 180,000 customers.
        String plan = show("search 'ayse', newest first", explainAsAdapter(criteria(List.of("ayse"), CustomerSort.UPDATED, null), false));
        assertThat(plan).startsWith("WALK").contains("Index Scan Backward using crm_customer_updated")
                .doesNotContain("crm_customer_keys").doesNotContain("Seq Scan").doesNotContain("Sort ");
    }

    @Test
    void twoWordsAreAnsweredFromAnIndex() throws SQLException {
        String plan = show("search 'kaya' 'user1234'", explainAsAdapter(criteria(List.of("kaya", "user1234"), CustomerSort.UPDATED, null), false));
        assertThat(plan).startsWith("KEYS").contains("crm_customer_keys").doesNotContain("Seq Scan");
    }

    @Test
    void aPhoneQueryIsAnsweredFromTheKeyIndex() throws SQLException {
        String plan = show("phone query '0530012345' (10 numbers)", explainAsAdapter(phone("0530012345"), false));
        assertThat(plan).startsWith("KEYS").contains("crm_customer_keys").doesNotContain("Seq Scan");
        String suffix = show("phone query by last digits '0012345'", explainAsAdapter(phone("0012345"), false));
        assertThat(suffix).startsWith("KEYS").contains("crm_customer_keys").doesNotContain("Seq Scan");
    }

    @Test
    void countingMatchesUsesTheKeyIndex() throws SQLException {
        String plan = show("count 'user12345'", explainAsAdapter(criteria(List.of("user12345"), CustomerSort.UPDATED, null), true));
        assertThat(plan).contains("crm_customer_keys").doesNotContain("Seq Scan");
    }

    @Test
    void pagesFollowTheSortIndexesFromTheCursor() throws SQLException {
        SortKey position = new SortKey(SortKey.micros(java.time.Instant.parse("2026-01-02T00:00:00Z")), null, 86_400);
        assertThat(show("page after a cursor, newest first", explain(select(criteria(List.of(), CustomerSort.UPDATED, position))))).contains("crm_customer_updated")
                .doesNotContain("Seq Scan").doesNotContain("Sort ");
        assertThat(show("page by name", explain(select(criteria(List.of(), CustomerSort.NAME, new SortKey(0, "kaya", 5)))))).contains("crm_customer_name")
                .doesNotContain("Seq Scan").doesNotContain("Sort ");
        assertThat(show("page by interactions", explain(select(criteria(List.of(), CustomerSort.INTERACTIONS, null))))).contains("crm_customer_contacts")
                .doesNotContain("Seq Scan");
        assertThat(show("page by creation", explain(select(criteria(List.of(), CustomerSort.CREATED, null))))).contains("crm_customer_created")
                .doesNotContain("Seq Scan");
    }

    @Test
    void aPhoneIsLookedUpByTheUniqueIndex() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "EXPLAIN SELECT id FROM crm_customer WHERE tenant = ? AND primary_phone = ?")) {
            ps.setString(1, "acme");
            ps.setString(2, "+905300123456");
            assertThat(show("phone lookup", plan(ps))).contains("crm_customer_phone_uq").doesNotContain("Seq Scan");
        }
    }

    @Test
    void timelinesAndTheFeedReadActivitiesByIndex() throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN SELECT id FROM crm_activity"
                    + " WHERE tenant = ? AND customer_id = ? AND id < ? ORDER BY id DESC LIMIT 50")) {
                ps.setString(1, "acme");
                ps.setLong(2, 42);
                ps.setLong(3, Long.MAX_VALUE);
                assertThat(show("timeline", plan(ps))).contains("crm_activity_timeline").doesNotContain("Seq Scan");
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN SELECT id FROM crm_activity"
                    + " WHERE tenant = ? AND id < ? ORDER BY id DESC LIMIT 50")) {
                ps.setString(1, "acme");
                ps.setLong(2, Long.MAX_VALUE);
                assertThat(show("feed", plan(ps))).contains("crm_activity_pkey").doesNotContain("Seq Scan");
            }
        }
    }
}
