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
 * The statement of a customer search: the criteria's filters as parameters, each term a
 * {@code LIKE} on the folded search text (which PostgreSQL answers from its trigram index), and
 * the keyset condition of the page's position.
 */
final class SearchSql {

    private interface Binder {
        void bind(PreparedStatement ps, int index) throws SQLException;
    }

    private final StringBuilder sql = new StringBuilder(256);
    private final List<Binder> params = new ArrayList<>();

    private SearchSql() {
    }

    /**
     * @param drivingTerm on H2, a selective term to collect candidates by from the suffix index;
     *     null to rely on the database's own plan
     */
    static SearchSql select(String tenant, CustomerCriteria criteria, String drivingTerm) {
        SearchSql q = new SearchSql();
        q.sql.append("SELECT ").append(JdbcCustomers.COLUMNS).append(" FROM crm_customer");
        q.where(tenant, criteria, drivingTerm);
        if (criteria.after() != null) {
            q.keyset(criteria.sort(), criteria.after());
        }
        q.sql.append(JdbcCustomers.orderBy(criteria.sort())).append(" LIMIT ?");
        q.params.add((ps, i) -> ps.setInt(i, criteria.limit()));
        return q;
    }

    static SearchSql count(String tenant, CustomerCriteria criteria, String drivingTerm) {
        SearchSql q = new SearchSql();
        q.sql.append("SELECT count(*) FROM crm_customer");
        q.where(tenant, criteria, drivingTerm);
        return q;
    }

    /**
     * Whether the search is a phone query: one term of at least 7 digits (see the core's search
     * terms), which matches few customers, unlike a short run of digits.
     */
    static boolean isPhoneQuery(CustomerCriteria criteria) {
        if (criteria.terms().size() != 1) {
            return false;
        }
        String term = criteria.terms().get(0);
        return term.length() >= 7 && term.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    String sql() {
        return sql.toString();
    }

    void bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).bind(ps, i + 1);
        }
    }

    private void where(String tenant, CustomerCriteria criteria, String drivingTerm) {
        sql.append(" WHERE tenant = ?");
        params.add((ps, i) -> ps.setString(i, tenant));
        if (drivingTerm != null) {
            sql.append(" AND id IN (");
            String union = "";
            for (String key : SuffixIndex.lookupKeys(drivingTerm)) {
                sql.append(union).append("SELECT customer_id FROM crm_customer_suffix"
                        + " WHERE tenant = ? AND suffix >= ? AND suffix < ?");
                union = " UNION ";
                params.add((ps, i) -> ps.setString(i, tenant));
                params.add((ps, i) -> ps.setString(i, key));
                params.add((ps, i) -> ps.setString(i, SuffixIndex.upperBound(key)));
            }
            sql.append(')');
        }
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
            params.add((ps, i) -> Columns.setInstant(ps, i, criteria.contactedSince()));
        }
        for (String term : criteria.terms()) {
            sql.append(" AND search_text LIKE ? ESCAPE '\\'");
            String pattern = "%" + escapeLike(term) + "%";
            params.add((ps, i) -> ps.setString(i, pattern));
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
        params.add((ps, i) -> Columns.setInstant(ps, i, Columns.instant(after.number())));
        params.add((ps, i) -> ps.setLong(i, after.id()));
    }

    /** A term as a LIKE pattern matching it literally (with {@code \} as the escape character). */
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
