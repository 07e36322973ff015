package dev.crmkit.jdbc.internal;

import dev.crmkit.core.customer.CustomerSort;
import dev.crmkit.core.customer.CustomerStatus;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.spi.CustomerCriteria;
import dev.crmkit.core.spi.SortKey;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The statement of a customer search: the criteria's filters as parameters, the terms matched
 * through the database's index of search keys (see {@link SearchKeyColumns}), and the keyset
 * condition of the page's position.
 */
final class SearchSql {

    private interface Binder {
        void bind(PreparedStatement ps, int index) throws SQLException;
    }

    /**
     * How SQLite answers the terms. It keeps no statistics to choose by, so the adapter chooses:
     * a term that few customers meet drives the query (its customers looked up by id through the
     * key table, then sorted); when every term is met by many, the customers are walked in the
     * list's order, each checked against the terms in its row's keys, until the page is full.
     *
     * @param drivingTerm the index in the criteria's terms of the term to drive by, or -1 to walk
     *     the list's order
     */
    record SqlitePlan(int drivingTerm) {
        static final SqlitePlan WALK = new SqlitePlan(-1);
    }

    private final Dialect dialect;
    private final Columns columns;
    private final StringBuilder sql = new StringBuilder(256);
    private final List<Binder> params = new ArrayList<>();

    private SearchSql(Dialect dialect) {
        this.dialect = dialect;
        this.columns = dialect.columns();
    }

    static SearchSql select(Dialect dialect, String tenant, CustomerCriteria criteria, SqlitePlan plan) {
        SearchSql q = new SearchSql(dialect);
        q.sql.append("SELECT ").append(JdbcCustomers.COLUMNS).append(" FROM crm_customer");
        q.hint(criteria, plan);
        q.where(tenant, criteria, plan);
        if (criteria.after() != null) {
            q.keyset(criteria.sort(), criteria.after());
        }
        q.sql.append(JdbcCustomers.orderBy(criteria.sort())).append(" LIMIT ?");
        q.params.add((ps, i) -> ps.setInt(i, criteria.limit()));
        return q;
    }

    /**
     * On PostgreSQL: of the first {@code window} customers of the list (its filters and position
     * applied), those that meet the terms, in the list's order, at most the criteria's limit. When
     * it returns that many, they are the page: no customer after the window comes before them.
     */
    static SearchSql windowOfList(String tenant, CustomerCriteria criteria, int window) {
        SearchSql q = new SearchSql(Dialect.POSTGRESQL);
        CustomerCriteria list = new CustomerCriteria(List.of(), criteria.segments(), criteria.statuses(),
                criteria.representative(), criteria.queue(), criteria.contactedSince(), criteria.sort(),
                criteria.after(), window);
        q.sql.append("SELECT ").append(JdbcCustomers.COLUMNS).append(" FROM (SELECT * FROM crm_customer");
        q.where(tenant, list, SqlitePlan.WALK);
        if (criteria.after() != null) {
            q.keyset(criteria.sort(), criteria.after());
        }
        q.sql.append(JdbcCustomers.orderBy(criteria.sort())).append(" LIMIT ?");
        q.params.add((ps, i) -> ps.setInt(i, window));
        q.sql.append(") AS list WHERE search_keys @@ ?::tsquery");
        String query = SearchKeyColumns.query(SearchKeyColumns.tag(tenant), criteria.terms());
        q.params.add((ps, i) -> ps.setString(i, query));
        q.sql.append(JdbcCustomers.orderBy(criteria.sort())).append(" LIMIT ?");
        q.params.add((ps, i) -> ps.setInt(i, criteria.limit()));
        return q;
    }

    static SearchSql count(Dialect dialect, String tenant, CustomerCriteria criteria, SqlitePlan plan) {
        SearchSql q = new SearchSql(dialect);
        q.sql.append("SELECT count(*) FROM crm_customer");
        if (dialect == Dialect.SQLITE && plan.drivingTerm() >= 0) {
            q.sql.append(" NOT INDEXED");
        }
        q.where(tenant, criteria, plan);
        return q;
    }

    String sql() {
        return sql.toString();
    }

    void bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).bind(ps, i + 1);
        }
    }

    /**
     * On SQLite, the index the plan reads customers by: none but the primary key when a term
     * drives, else the index of the list's order.
     */
    private void hint(CustomerCriteria criteria, SqlitePlan plan) {
        if (dialect != Dialect.SQLITE) {
            return;
        }
        if (plan.drivingTerm() >= 0) {
            sql.append(" NOT INDEXED");
        } else {
            sql.append(" INDEXED BY ").append(JdbcCustomers.sortIndex(criteria.sort()));
        }
    }

    private void where(String tenant, CustomerCriteria criteria, SqlitePlan plan) {
        sql.append(" WHERE tenant = ?");
        params.add((ps, i) -> ps.setString(i, tenant));
        if (!criteria.segments().isEmpty()) {
            List<String> names = new ArrayList<>();
            for (Segment segment : criteria.segments()) {
                names.add(segment.name());
            }
            in("segment", names);
        }
        if (!criteria.statuses().isEmpty()) {
            List<String> names = new ArrayList<>();
            for (CustomerStatus status : criteria.statuses()) {
                names.add(status.name());
            }
            in("status", names);
        }
        if (criteria.representative() != null) {
            sql.append(" AND representative = ?");
            params.add((ps, i) -> ps.setString(i, criteria.representative()));
        }
        if (criteria.queue() != null) {
            sql.append(" AND queue = ?");
            params.add((ps, i) -> ps.setString(i, criteria.queue()));
        }
        if (criteria.contactedSince() != null) {
            sql.append(" AND last_contact_at >= ?");
            params.add((ps, i) -> columns.setInstant(ps, i, criteria.contactedSince()));
        }
        if (criteria.terms().isEmpty()) {
            return;
        }
        if (dialect == Dialect.POSTGRESQL) {
            sql.append(" AND search_keys @@ ?::tsquery");
            String query = SearchKeyColumns.query(SearchKeyColumns.tag(tenant), criteria.terms());
            params.add((ps, i) -> ps.setString(i, query));
            return;
        }
        for (int t = 0; t < criteria.terms().size(); t++) {
            if (t == plan.drivingTerm()) {
                // The customers of the term's keys, looked up by id.
                sql.append(" AND id IN (");
                String union = "";
                for (String prefix : criteria.terms().get(t).prefixes()) {
                    sql.append(union).append("SELECT customer_id FROM crm_search_key WHERE tenant_no = ")
                            .append(SearchKeyColumns.TENANT_NO);
                    params.add((ps, i) -> ps.setString(i, tenant));
                    List<Object> range = new ArrayList<>(3);
                    SearchKeyColumns.range(sql, range, prefix);
                    for (Object value : range) {
                        params.add((ps, i) -> ps.setObject(i, value));
                    }
                    union = " UNION ALL ";
                }
                sql.append(')');
            } else {
                // Checked in the row itself: a key starts with the prefix where the keys' text
                // holds a line feed and the prefix.
                sql.append(" AND (");
                String or = "";
                for (String prefix : criteria.terms().get(t).prefixes()) {
                    sql.append(or).append("instr(search_keys, ?) > 0");
                    String line = "\n" + prefix;
                    params.add((ps, i) -> ps.setString(i, line));
                    or = " OR ";
                }
                sql.append(')');
            }
        }
    }

    private void in(String column, List<String> values) {
        sql.append(" AND ").append(column).append(" IN (");
        for (int k = 0; k < values.size(); k++) {
            sql.append(k == 0 ? "?" : ", ?");
            String value = values.get(k);
            params.add((ps, i) -> ps.setString(i, value));
        }
        sql.append(')');
    }

    private void keyset(CustomerSort sort, SortKey after) {
        switch (sort) {
            case UPDATED -> instantKey("updated_at", after);
            case CREATED -> instantKey("created_at", after);
            case INTERACTIONS -> {
                sql.append(" AND (total_contacts, id) < (?, ?)");
                params.add((ps, i) -> ps.setLong(i, after.number()));
                params.add((ps, i) -> ps.setLong(i, after.id()));
            }
            case NAME -> {
                sql.append(" AND (name_key, id) > (?, ?)");
                params.add((ps, i) -> ps.setString(i, after.text()));
                params.add((ps, i) -> ps.setLong(i, after.id()));
            }
        }
    }

    private void instantKey(String column, SortKey after) {
        sql.append(" AND (").append(column).append(", id) < (?, ?)");
        params.add((ps, i) -> columns.setInstant(ps, i, Columns.instant(after.number())));
        params.add((ps, i) -> ps.setLong(i, after.id()));
    }

    /** A text as a LIKE pattern matching it literally (with {@code \} as the escape character). */
    static String escapeLike(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 4);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\' || ch == '%' || ch == '_') {
                sb.append('\\');
            }
            sb.append(ch);
        }
        return sb.toString();
    }
}
