package dev.crmkit.jdbc.internal;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.customer.CustomerSort;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.CustomerCriteria;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.SearchKeys;
import dev.crmkit.core.spi.CustomerStore;
import dev.crmkit.core.text.TextFolding;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The customers of one tenant in {@code crm_customer}; one row per customer. */
final class JdbcCustomers implements CustomerStore {

    /** The columns that hold the record, as a select list (see {@link CustomerColumns}). */
    static final String COLUMNS = CustomerColumns.NAMES;

    /** {@link #COLUMNS} of the table aliased {@code c}. */
    private static final String C_COLUMNS = "c." + String.join(", c.", COLUMNS.split(", "));

    /** Both databases keep the search keys in the row, each in its own form (see {@link SearchKeyColumns}). */
    private static final String INSERT = "INSERT INTO crm_customer (" + COLUMNS
            + ", tenant, primary_phone, name_key, search_keys) VALUES (" + CustomerColumns.PARAMETERS + ", ?, ?, ?, ";
    private static final String INSERT_SQLITE = INSERT + "?)";
    private static final String INSERT_POSTGRESQL = INSERT + "?::tsvector)";

    private static final String UPDATE_SET = "UPDATE crm_customer SET " + CustomerColumns.ASSIGNMENTS
            + ", name_key = ?";
    private static final String UPDATE_WHERE = " WHERE id = ? AND tenant = ? AND version = ?";
    private static final String UPDATE_SQLITE = UPDATE_SET + ", search_keys = ?" + UPDATE_WHERE;
    private static final String UPDATE_POSTGRESQL = UPDATE_SET + ", search_keys = ?::tsvector" + UPDATE_WHERE;

    /**
     * On SQLite, a term whose keys in the tenant are fewer than this drives the search: its
     * customers are read by id and sorted. A term met more often is checked while the list's own
     * index is walked, which fills a page after about page size × customers / matches rows.
     */
    static final long SELECTIVE_KEYS = 4_000;

    /** The most phones looked up in one statement. */
    private static final int PHONES_PER_QUERY = 1000;

    private final JdbcSession s;

    JdbcCustomers(JdbcSession s) {
        this.s = s;
    }

    @Override
    public long insert(CustomerRecord customer) {
        s.checkWritable();
        return s.sql("storing a customer", c -> {
            long[] id = s.dialect().nextIds(c, "crm_customer_seq", 1);
            try {
                insertRows(c, List.of(customer), id);
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    throw new ConflictException(ErrorCode.DUPLICATE_PHONE,
                            "another customer has the phone " + customer.primaryPhone());
                }
                throw e;
            }
            return id[0];
        });
    }

    @Override
    public long[] insertAll(List<CustomerRecord> customers) {
        s.checkWritable();
        if (customers.size() < 2) {
            return customers.isEmpty() ? new long[0] : new long[] {insert(customers.get(0))};
        }
        return s.sql("storing customers", c -> {
            long[] ids = s.dialect().nextIds(c, "crm_customer_seq", customers.size());
            try {
                var copy = s.dialect() == Dialect.POSTGRESQL ? PgCopy.copyApi(c) : null;
                if (copy != null) {
                    PgCopy.customers(copy, s.tenantValue(), customers, ids);
                    // The keys just copied wait in the search index's pending list: have them
                    // merged beside this transaction rather than in it.
                    SearchIndexCleaner cleaner = s.storage().searchIndexCleaner();
                    if (cleaner != null) {
                        cleaner.wake();
                    }
                } else {
                    insertRows(c, customers, ids);
                }
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    throw new ConflictException(ErrorCode.DUPLICATE_PHONE,
                            "a phone of these customers belongs to another customer");
                }
                throw e;
            }
            return ids;
        });
    }

    /** Batched INSERTs of new customers under the given ids, with their search keys. */
    private void insertRows(java.sql.Connection c, List<CustomerRecord> customers, long[] ids) throws SQLException {
        List<String[]> keys = new ArrayList<>(ids.length);
        boolean keysInRow = !keysInTable();
        try (PreparedStatement ps = c.prepareStatement(keysInRow ? INSERT_POSTGRESQL : INSERT_SQLITE)) {
            for (int i = 0; i < ids.length; i++) {
                CustomerRecord customer = customers.get(i);
                int p = bindRecord(ps, customer, ids[i]);
                ps.setString(p++, s.tenantValue());
                ps.setString(p++, customer.primaryPhone().e164());
                ps.setString(p++, TextFolding.fold(customer.fullName()));
                String[] k = SearchKeys.of(customer);
                ps.setString(p, keysColumn(k));
                if (!keysInRow) {
                    keys.add(k);
                }
                if (ids.length == 1) {
                    ps.executeUpdate();
                } else {
                    ps.addBatch();
                }
            }
            if (ids.length > 1) {
                ps.executeBatch();
            }
        }
        if (!keysInRow) {
            SearchKeyColumns.add(c, s.tenantValue(), ids, keys);
        }
    }

    /** The value of the row's search_keys column: PostgreSQL's tsvector, SQLite's lines. */
    private String keysColumn(String[] keys) {
        return s.dialect() == Dialect.POSTGRESQL ? SearchKeyColumns.vector(SearchKeyColumns.tag(s.tenantValue()), keys)
                : SearchKeyColumns.lines(keys);
    }

    private String updateSql() {
        return s.dialect() == Dialect.POSTGRESQL ? UPDATE_POSTGRESQL : UPDATE_SQLITE;
    }

    /** Binds an UPDATE of the customer, if still at {@code expectedVersion}, with its search keys. */
    private void bindUpdate(PreparedStatement ps, CustomerRecord customer, String[] keys, long expectedVersion)
            throws SQLException {
        int i = bindRecord(ps, customer, null);
        ps.setString(i++, TextFolding.fold(customer.fullName()));
        ps.setString(i++, keysColumn(keys));
        ps.setLong(i++, customer.id());
        ps.setString(i++, s.tenantValue());
        ps.setLong(i, expectedVersion);
    }

    /** Binds the columns of {@link #COLUMNS} from parameter 1 on, the id first only if given. */
    private int bindRecord(PreparedStatement ps, CustomerRecord r, Long id) throws SQLException {
        int i = 1;
        if (id != null) {
            ps.setLong(i++, id);
        }
        return CustomerColumns.bind(ps, i, cols(), r);
    }

    /** A customer from a row of {@link #COLUMNS}. */
    CustomerRecord read(ResultSet rs) throws SQLException {
        return CustomerColumns.read(rs, cols());
    }

    @Override
    public Optional<CustomerRecord> find(long id) {
        s.checkOpen();
        return s.first("reading a customer", "SELECT " + COLUMNS + " FROM crm_customer WHERE id = ? AND tenant = ?",
                ps -> {
                    ps.setLong(1, id);
                    ps.setString(2, s.tenantValue());
                }, this::read);
    }

    @Override
    public OptionalLong findIdByPhone(PhoneNumber primaryPhone) {
        s.checkOpen();
        return s.first("finding a customer by phone", "SELECT id FROM crm_customer WHERE tenant = ? AND primary_phone = ?",
                ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setString(2, primaryPhone.e164());
                }, rs -> rs.getLong(1)).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    @Override
    public Optional<CustomerRecord> findByPhone(PhoneNumber primaryPhone) {
        s.checkOpen();
        return s.first("finding a customer by phone",
                "SELECT " + COLUMNS + " FROM crm_customer WHERE tenant = ? AND primary_phone = ?", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setString(2, primaryPhone.e164());
                }, this::read);
    }

    @Override
    public Map<PhoneNumber, Long> findIdsByPhones(Collection<PhoneNumber> primaryPhones) {
        s.checkOpen();
        if (primaryPhones.isEmpty()) {
            return Map.of();
        }
        return s.sql("finding customers by phone", c -> {
            Map<PhoneNumber, Long> found = new HashMap<>();
            List<PhoneNumber> all = new ArrayList<>(primaryPhones);
            try (PreparedStatement ps = c.prepareStatement(s.dialect().phonesLookupSql())) {
                for (int from = 0; from < all.size(); from += PHONES_PER_QUERY) {
                    List<PhoneNumber> part = all.subList(from, Math.min(all.size(), from + PHONES_PER_QUERY));
                    String[] numbers = new String[part.size()];
                    for (int i = 0; i < numbers.length; i++) {
                        numbers[i] = part.get(i).e164();
                    }
                    ps.setString(1, s.tenantValue());
                    s.dialect().setArray(c, ps, 2, "varchar", numbers);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long id = rs.getLong(2);
                            if (!rs.wasNull()) {
                                found.put(PhoneNumber.of(rs.getString(1)), id);
                            }
                        }
                    }
                }
            }
            return found;
        });
    }

    @Override
    public Map<Long, CustomerRecord> findAll(Collection<Long> ids) {
        s.checkOpen();
        if (ids.isEmpty()) {
            return Map.of();
        }
        Object[] values = ids.toArray();
        String sql = s.dialect().customersByIdsSql(C_COLUMNS);
        Map<Long, CustomerRecord> found = new HashMap<>();
        s.sql("reading customers", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                s.dialect().setArray(c, ps, 1, "bigint", values);
                ps.setString(2, s.tenantValue());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        CustomerRecord r = read(rs);
                        found.put(r.id(), r);
                    }
                }
            }
            return null;
        });
        return found;
    }

    @Override
    public int updateAll(List<CustomerRecord> customers, long[] expectedVersions) {
        s.checkWritable();
        if (customers.size() < 2) {
            return CustomerStore.super.updateAll(customers, expectedVersions);
        }
        return s.sql("updating customers", c -> {
            Map<Long, String[]> before = storedKeys(c, customers.stream().map(CustomerRecord::id).toList());
            List<String[]> keys = new ArrayList<>(customers.size());
            int[] counts;
            try (PreparedStatement ps = c.prepareStatement(updateSql())) {
                for (int k = 0; k < expectedVersions.length; k++) {
                    CustomerRecord customer = customers.get(k);
                    String[] newKeys = SearchKeys.of(customer);
                    keys.add(newKeys);
                    bindUpdate(ps, customer, newKeys, expectedVersions[k]);
                    ps.addBatch();
                }
                counts = ps.executeBatch();
            }
            int n = 0;
            for (int k = 0; k < counts.length; k++) {
                boolean updated = counts[k] == 1 || counts[k] == java.sql.Statement.SUCCESS_NO_INFO;
                if (updated) {
                    n++;
                    String[] old = before.get(customers.get(k).id());
                    if (old != null) {
                        replaceKeys(c, customers.get(k).id(), old, keys.get(k));
                    }
                }
            }
            return n;
        });
    }

    @Override
    public boolean update(CustomerRecord customer, long expectedVersion) {
        s.checkWritable();
        return s.sql("updating a customer", c -> {
            String[] before = storedKeys(c, List.of(customer.id())).get(customer.id());
            String[] keys = SearchKeys.of(customer);
            boolean updated;
            try (PreparedStatement ps = c.prepareStatement(updateSql())) {
                bindUpdate(ps, customer, keys, expectedVersion);
                updated = ps.executeUpdate() == 1;
            }
            if (updated && before != null) {
                replaceKeys(c, customer.id(), before, keys);
            }
            return updated;
        });
    }

    /**
     * On SQLite, the keys the key table holds for these customers, as their rows keep them; empty
     * on PostgreSQL, where the keys live in the row alone.
     */
    private Map<Long, String[]> storedKeys(java.sql.Connection c, Collection<Long> ids) throws SQLException {
        if (!keysInTable() || ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, String[]> keys = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(s.dialect().customersByIdsSql("c.id, c.search_keys"))) {
            s.dialect().setArray(c, ps, 1, "bigint", ids.toArray());
            ps.setString(2, s.tenantValue());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.put(rs.getLong(1), SearchKeyColumns.fromLines(rs.getString(2)));
                }
            }
        }
        return keys;
    }

    /** On SQLite, swaps a customer's keys in the key table for its new ones, touching only those that changed. */
    private void replaceKeys(java.sql.Connection c, long id, String[] old, String[] keys) throws SQLException {
        if (java.util.Arrays.equals(old, keys)) {
            return;
        }
        java.util.Set<String> oldSet = new java.util.HashSet<>(List.of(old));
        java.util.Set<String> newSet = new java.util.HashSet<>(List.of(keys));
        String[] gone = oldSet.stream().filter(k -> !newSet.contains(k)).toArray(String[]::new);
        String[] added = newSet.stream().filter(k -> !oldSet.contains(k)).toArray(String[]::new);
        if (gone.length > 0) {
            SearchKeyColumns.remove(c, s.tenantValue(), id, gone);
        }
        if (added.length > 0) {
            SearchKeyColumns.add(c, s.tenantValue(), new long[] {id}, List.<String[]>of(added));
        }
    }

    @Override
    public boolean delete(long id) {
        s.checkWritable();
        return s.sql("deleting a customer", c -> {
            String[] before = storedKeys(c, List.of(id)).get(id);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM crm_customer WHERE id = ? AND tenant = ?")) {
                ps.setLong(1, id);
                ps.setString(2, s.tenantValue());
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            if (before != null) {
                SearchKeyColumns.remove(c, s.tenantValue(), id, before);
            }
            return true;
        });
    }

    @Override
    public List<CustomerRecord> search(CustomerCriteria criteria) {
        s.checkOpen();
        SearchSql q = SearchSql.select(s.dialect(), s.tenantValue(), criteria, plan(criteria));
        if (s.dialect() != Dialect.POSTGRESQL || criteria.terms().isEmpty()) {
            return s.list("searching customers", q.sql(), q::bind, this::read);
        }
        return s.sql("searching customers", c -> {
            SearchSql window = SearchSql.windowOfList(s.tenantValue(), criteria, PgPlanner.WINDOW);
            List<CustomerRecord> page = PgPlanner.under(c, PgPlanner.Plan.WALK, () -> list(c, window));
            if (page.size() >= criteria.limit()) {
                return page;
            }
            return PgPlanner.under(c, PgPlanner.Plan.KEYS, () -> list(c, q));
        });
    }

    private List<CustomerRecord> list(java.sql.Connection c, SearchSql q) throws SQLException {
        List<CustomerRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(q.sql())) {
            q.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    @Override
    public long count(CustomerCriteria criteria) {
        s.checkOpen();
        SearchSql q = SearchSql.count(s.dialect(), s.tenantValue(), criteria, plan(criteria));
        if (s.dialect() != Dialect.POSTGRESQL || criteria.terms().isEmpty()) {
            return s.first("counting customers", q.sql(), q::bind, rs -> rs.getLong(1)).orElseThrow();
        }
        // Counting needs every match, which the key index gives most cheaply, however many there are.
        return s.sql("counting customers", c -> PgPlanner.under(c, PgPlanner.Plan.KEYS, () -> {
            try (PreparedStatement ps = c.prepareStatement(q.sql())) {
                q.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }));
    }

    @Override
    public int removeCustomFieldValues(String key) {
        s.checkWritable();
        return s.sql("removing custom values", c -> {
            // Only rows whose JSON names the key can hold a value; each is checked exactly.
            Map<Long, String> rewritten = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, custom_values FROM crm_customer"
                    + " WHERE tenant = ? AND custom_values LIKE ? ESCAPE '\\'")) {
                ps.setString(1, s.tenantValue());
                ps.setString(2, "%" + SearchSql.escapeLike("\"" + key + "\"") + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> values = new LinkedHashMap<>(Json.customValues(rs.getString(2)));
                        if (values.remove(key) != null) {
                            rewritten.put(rs.getLong(1), Json.customValues(values));
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE crm_customer SET custom_values = ? WHERE id = ? AND tenant = ?")) {
                for (Map.Entry<Long, String> e : rewritten.entrySet()) {
                    Columns.setString(ps, 1, e.getValue());
                    ps.setLong(2, e.getKey());
                    ps.setString(3, s.tenantValue());
                    ps.addBatch();
                }
                if (!rewritten.isEmpty()) {
                    ps.executeBatch();
                }
            }
            return rewritten.size();
        });
    }

    /** Whether the search keys live in a table of their own (SQLite) rather than in the customer's row. */
    private boolean keysInTable() {
        return s.dialect() == Dialect.SQLITE;
    }

    /** On SQLite, which term drives the search: the one with the fewest keys, if it is selective enough. */
    private SearchSql.SqlitePlan plan(CustomerCriteria criteria) {
        if (!keysInTable() || criteria.terms().isEmpty()) {
            return SearchSql.SqlitePlan.WALK;
        }
        return s.sql("planning a search", c -> {
            int best = -1;
            long fewest = SELECTIVE_KEYS;
            for (int t = 0; t < criteria.terms().size(); t++) {
                long n = SearchKeyColumns.count(c, s.tenantValue(), criteria.terms().get(t), fewest);
                if (n < fewest) {
                    best = t;
                    fewest = n;
                }
            }
            return new SearchSql.SqlitePlan(best);
        });
    }

    /**
     * Fills the search keys of rows stored before PostgreSQL schema version 5, a batch per
     * transaction, the rows locked so that processes starting together share the work.
     *
     * @return how many customers got their keys
     */
    static long fillMissingKeys(Database db) {
        if (db.dialect() != Dialect.POSTGRESQL) {
            return 0;
        }
        long filled = 0;
        while (true) {
            int n = new Transactions(db).run(dev.crmkit.core.TenantId.of("crmkit-schema"), session -> {
                JdbcSession js = (JdbcSession) session;
                JdbcCustomers customers = new JdbcCustomers(js);
                return js.sql("filling search keys", c -> {
                    List<long[]> ids = new ArrayList<>();
                    List<String> vectors = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", tenant FROM crm_customer"
                            + " WHERE search_keys IS NULL LIMIT 500 FOR UPDATE SKIP LOCKED");
                         ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            CustomerRecord r = customers.read(rs);
                            ids.add(new long[] {r.id()});
                            vectors.add(SearchKeyColumns.vector(SearchKeyColumns.tag(rs.getString(CustomerColumns.ALL.size() + 2)), SearchKeys.of(r)));
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE crm_customer SET search_keys = ?::tsvector WHERE id = ?")) {
                        for (int i = 0; i < ids.size(); i++) {
                            ps.setString(1, vectors.get(i));
                            ps.setLong(2, ids.get(i)[0]);
                            ps.addBatch();
                        }
                        if (!ids.isEmpty()) {
                            ps.executeBatch();
                        }
                    }
                    return ids.size();
                });
            }, true);
            if (n == 0) {
                return filled;
            }
            filled += n;
        }
    }

    /** The index that serves a sort on SQLite. */
    static String sortIndex(CustomerSort sort) {
        return switch (sort) {
            case UPDATED -> "crm_customer_updated";
            case CREATED -> "crm_customer_created";
            case INTERACTIONS -> "crm_customer_contacts";
            case NAME -> "crm_customer_name";
        };
    }

    /** The position columns of a sort, for keyset paging. */
    static String orderBy(CustomerSort sort) {
        return switch (sort) {
            case UPDATED -> " ORDER BY updated_at DESC, id DESC";
            case CREATED -> " ORDER BY created_at DESC, id DESC";
            case INTERACTIONS -> " ORDER BY total_contacts DESC, id DESC";
            case NAME -> " ORDER BY name_key, id";
        };
    }

    private Columns cols() {
        return s.columns();
    }
}
