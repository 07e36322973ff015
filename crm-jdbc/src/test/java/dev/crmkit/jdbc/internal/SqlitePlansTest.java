package dev.crmkit.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.crmkit.core.customer.CustomerSort;
import dev.crmkit.core.spi.CustomerCriteria;
import dev.crmkit.core.spi.SearchKeys;
import dev.crmkit.core.spi.SearchTerm;
import dev.crmkit.core.spi.SortKey;
import dev.crmkit.jdbc.JdbcStorage;
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
 * SQLite's plans for the adapter's searches on a file of 60,000 customers of two tenants. SQLite
 * keeps no statistics, so the adapter chooses: a selective term drives the query through the key
 * table (a range of its primary key, inside the tenant) and customers are looked up by id; when
 * every term is common, the list's own index is walked and each customer checked in its row. Never a scan of the whole table. The
 * plans are printed, so a reader of the build log sees them.
 */
class SqlitePlansTest {

    private static HikariDataSource ds;

    @BeforeAll
    static void fill() throws SQLException {
        ds = TestDatabases.freshSqlite();
        JdbcStorage.builder(ds).build();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String[] tenant : new String[][] {{"acme", "0", "50000"}, {"globex", "50000", "10000"}}) {
                s.execute("INSERT INTO crm_tenant (tenant) VALUES ('" + tenant[0] + "')");
                s.execute("INSERT INTO crm_customer (id, tenant, version, type, full_name, primary_phone, phones, segment,"
                        + " status, created_at, updated_at, total_contacts, total_calls, total_call_seconds, name_key,"
                        + " search_keys)"
                        + " WITH RECURSIVE g(n) AS (SELECT " + tenant[1] + " UNION ALL SELECT n + 1 FROM g WHERE n < "
                        + (Integer.parseInt(tenant[1]) + Integer.parseInt(tenant[2]) - 1) + ")"
                        + " SELECT n + 1, '" + tenant[0] + "', 1, 'PERSON', 'ayse user' || n, '+90530' || printf('%07d', n),"
                        + " '[]', 'NORMAL', 'ACTIVE', n, n, n % 40, 0, 0, 'ayse user' || n,"
                        + " char(10) || 'ayse' || char(10) || 'user' || n || char(10) || '90530' || printf('%07d', n) FROM g");
                String no = "(SELECT id FROM crm_tenant WHERE tenant = '" + tenant[0] + "')";
                s.execute("INSERT INTO crm_search_key (tenant_no, key, customer_id)"
                        + " SELECT " + no + ", 'ayse', id FROM crm_customer WHERE tenant = '" + tenant[0] + "'"
                        + " UNION ALL SELECT " + no + ", 'user' || (id - 1), id FROM crm_customer WHERE tenant = '" + tenant[0] + "'"
                        + " UNION ALL SELECT " + no + ", substr(primary_phone, 2), id FROM crm_customer WHERE tenant = '"
                        + tenant[0] + "'");
            }
            c.commit();
        }
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    private static CustomerCriteria criteria(List<SearchTerm> terms, CustomerSort sort) {
        return new CustomerCriteria(terms, Set.of(), Set.of(), null, null, null, sort, null, 50);
    }

    /** The plan the adapter chooses for the criteria, and SQLite's plan of the statement. */
    private static String explain(CustomerCriteria criteria, boolean count) throws SQLException {
        try (Connection c = ds.getConnection()) {
            int driving = -1;
            long fewest = JdbcCustomers.SELECTIVE_KEYS;
            for (int t = 0; t < criteria.terms().size(); t++) {
                long n = SearchKeyColumns.count(c, "acme", criteria.terms().get(t), fewest);
                if (n < fewest) {
                    driving = t;
                    fewest = n;
                }
            }
            SearchSql.SqlitePlan plan = new SearchSql.SqlitePlan(driving);
            SearchSql q = count ? SearchSql.count(Dialect.SQLITE, "acme", criteria, plan)
                    : SearchSql.select(Dialect.SQLITE, "acme", criteria, plan);
            StringBuilder sb = new StringBuilder(driving >= 0 ? "DRIVE term " + driving + "\n" : "WALK\n");
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + q.sql())) {
                q.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sb.append(rs.getString("detail")).append('\n');
                    }
                }
            }
            System.out.println("SQLite plan: " + criteria.terms() + (count ? " (count)" : "") + "\n" + sb);
            return sb.toString();
        }
    }

    @Test
    void aRareWordDrivesThroughTheKeyTableInsideTheTenant() throws SQLException {
        String plan = explain(criteria(List.of(SearchTerm.word("user12345")), CustomerSort.UPDATED), false);
        assertThat(plan).startsWith("DRIVE").contains("crm_search_key USING PRIMARY KEY (tenant_no=? AND key>? AND key<?)")
                .contains("INTEGER PRIMARY KEY").doesNotContain("SCAN crm_customer\n");
    }

    @Test
    void aCommonWordWalksTheListsIndex() throws SQLException {
        String plan = explain(criteria(List.of(SearchTerm.word("ayse")), CustomerSort.UPDATED), false);
        assertThat(plan).startsWith("WALK").contains("crm_customer USING INDEX crm_customer_updated (tenant=?)")
                .doesNotContain("USE TEMP B-TREE FOR ORDER BY").as("the term is checked in the row").doesNotContain("crm_search_key");
        String byName = explain(criteria(List.of(SearchTerm.word("ayse")), CustomerSort.NAME), false);
        assertThat(byName).contains("USING INDEX crm_customer_name (tenant=?)").doesNotContain("USE TEMP B-TREE FOR ORDER BY");
    }

    @Test
    void aPhoneQueryDrivesByItsDigitsAndItsSuffixKey() throws SQLException {
        String plan = explain(criteria(List.of(new SearchTerm(List.of("905300012", SearchKeys.suffixKey("905300012")))),
                CustomerSort.UPDATED), false);
        assertThat(plan).startsWith("DRIVE").contains("crm_search_key USING PRIMARY KEY (tenant_no=? AND key>? AND key<?)")
                .doesNotContain("SCAN crm_customer\n");
    }

    @Test
    void aCommonAndARareWordDriveByTheRareOne() throws SQLException {
        String plan = explain(criteria(List.of(SearchTerm.word("ayse"), SearchTerm.word("user4242")), CustomerSort.UPDATED),
                false);
        assertThat(plan).startsWith("DRIVE term 1");
    }

    @Test
    void countingARareWordReadsItsKeys() throws SQLException {
        String plan = explain(criteria(List.of(SearchTerm.word("user1234")), CustomerSort.UPDATED), true);
        assertThat(plan).startsWith("DRIVE").contains("crm_search_key USING PRIMARY KEY").doesNotContain("SCAN crm_customer\n");
    }

    @Test
    void aPageWithoutTextFollowsTheSortIndex() throws SQLException {
        String plan = explain(new CustomerCriteria(List.of(), Set.of(), Set.of(), null, null, null, CustomerSort.CREATED,
                new SortKey(1000, null, 900), 50), false);
        assertThat(plan).contains("USING INDEX crm_customer_created (tenant=?").doesNotContain("USE TEMP B-TREE FOR ORDER BY");
    }
}
