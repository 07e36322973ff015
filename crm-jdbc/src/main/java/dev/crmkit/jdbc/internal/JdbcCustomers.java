package dev.crmkit.jdbc.internal;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.customer.CustomerSort;
import dev.crmkit.core.customer.CustomerStatus;
import dev.crmkit.core.customer.CustomerType;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.CustomerCriteria;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.CustomerSearchText;
import dev.crmkit.core.spi.CustomerStore;
import dev.crmkit.core.text.TextFolding;
import java.sql.Array;
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

    static final String COLUMNS = "id, version, type, full_name, phones, email, company, segment, status, fax, address,"
            + " national_id, representative, previous_representative, assigned_at, queue, result_code, action_at,"
            + " processing_status, total_amount, created_at, loaded_at, updated_at, last_contact_at, total_contacts,"
            + " total_calls, total_call_seconds, custom_values, import_job_id";

    /** {@link #COLUMNS} of the table aliased {@code c}. */
    private static final String C_COLUMNS = "c." + String.join(", c.", COLUMNS.split(", "));

    private static final String INSERT = "INSERT INTO crm_customer (" + COLUMNS
            + ", tenant, primary_phone, name_key, search_text)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String UPDATE = "UPDATE crm_customer SET version = ?, type = ?, full_name = ?, phones = ?,"
            + " email = ?, company = ?, segment = ?, status = ?, fax = ?, address = ?, national_id = ?, representative = ?,"
            + " previous_representative = ?, assigned_at = ?, queue = ?, result_code = ?, action_at = ?,"
            + " processing_status = ?, total_amount = ?, created_at = ?, loaded_at = ?, updated_at = ?,"
            + " last_contact_at = ?, total_contacts = ?, total_calls = ?, total_call_seconds = ?, custom_values = ?,"
            + " import_job_id = ?, name_key = ?, search_text = ?"
            + " WHERE id = ? AND tenant = ? AND version = ?";

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

    /** Batched INSERTs of new customers under the given ids, with H2's suffix entries. */
    private void insertRows(java.sql.Connection c, List<CustomerRecord> customers, long[] ids) throws SQLException {
        List<String> searchTexts = new ArrayList<>(ids.length);
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int i = 0; i < ids.length; i++) {
                CustomerRecord customer = customers.get(i);
                int p = bindRecord(ps, customer, ids[i]);
                ps.setString(p++, s.tenantValue());
                ps.setString(p++, customer.primaryPhone().e164());
                ps.setString(p++, TextFolding.fold(customer.fullName()));
                String searchText = CustomerSearchText.of(customer);
                searchTexts.add(searchText);
                ps.setString(p, searchText);
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
        if (suffixes()) {
            SuffixIndex.add(c, s.tenantValue(), ids, searchTexts);
        }
    }

    /** Binds an UPDATE of the customer, if still at {@code expectedVersion}, with its search text. */
    private void bindUpdate(PreparedStatement ps, CustomerRecord customer, String searchText, long expectedVersion)
            throws SQLException {
        int i = bindRecord(ps, customer, null);
        ps.setString(i++, TextFolding.fold(customer.fullName()));
        ps.setString(i++, searchText);
        ps.setLong(i++, customer.id());
        ps.setString(i++, s.tenantValue());
        ps.setLong(i, expectedVersion);
    }

    /** Binds the columns of {@link #COLUMNS} from parameter 1 on, the id first only if given. */
    private static int bindRecord(PreparedStatement ps, CustomerRecord r, Long id) throws SQLException {
        int i = 1;
        if (id != null) {
            ps.setLong(i++, id);
        }
        ps.setLong(i++, r.version());
        ps.setString(i++, r.type().name());
        ps.setString(i++, r.fullName());
        ps.setString(i++, Json.phones(r.phones()));
        Columns.setString(ps, i++, r.email());
        Columns.setString(ps, i++, r.company());
        ps.setString(i++, r.segment().name());
        ps.setString(i++, r.status().name());
        Columns.setString(ps, i++, r.fax());
        Columns.setString(ps, i++, r.address());
        Columns.setString(ps, i++, r.nationalId());
        Columns.setString(ps, i++, r.representative());
        Columns.setString(ps, i++, r.previousRepresentative());
        Columns.setInstant(ps, i++, r.assignedAt());
        Columns.setString(ps, i++, r.queue());
        Columns.setString(ps, i++, r.resultCode());
        Columns.setInstant(ps, i++, r.actionAt());
        Columns.setString(ps, i++, r.processingStatus());
        Columns.setDecimal(ps, i++, r.totalAmount());
        Columns.setInstant(ps, i++, r.createdAt());
        Columns.setInstant(ps, i++, r.loadedAt());
        Columns.setInstant(ps, i++, r.updatedAt());
        Columns.setInstant(ps, i++, r.lastContactAt());
        ps.setLong(i++, r.totalContacts());
        ps.setLong(i++, r.totalCalls());
        ps.setLong(i++, r.totalCallSeconds());
        Columns.setString(ps, i++, Json.customValues(r.customFields()));
        Columns.setLong(ps, i++, r.importJobId());
        return i;
    }

    /** A customer from a row of {@link #COLUMNS}. */
    static CustomerRecord read(ResultSet rs) throws SQLException {
        var phones = Json.phones(rs.getString(5));
        return CustomerRecord.builder(rs.getString(4), phones.get(0).number(), Columns.instant(rs, 21))
                .id(rs.getLong(1))
                .version(rs.getLong(2))
                .type(CustomerType.valueOf(rs.getString(3)))
                .phones(phones)
                .email(rs.getString(6))
                .company(rs.getString(7))
                .segment(Segment.valueOf(rs.getString(8)))
                .status(CustomerStatus.valueOf(rs.getString(9)))
                .fax(rs.getString(10))
                .address(rs.getString(11))
                .nationalId(rs.getString(12))
                .representative(rs.getString(13))
                .previousRepresentative(rs.getString(14))
                .assignedAt(Columns.instant(rs, 15))
                .queue(rs.getString(16))
                .resultCode(rs.getString(17))
                .actionAt(Columns.instant(rs, 18))
                .processingStatus(rs.getString(19))
                .totalAmount(rs.getBigDecimal(20))
                .loadedAt(Columns.instant(rs, 22))
                .updatedAt(Columns.instant(rs, 23))
                .lastContactAt(Columns.instant(rs, 24))
                .totalContacts(rs.getLong(25))
                .totalCalls(rs.getLong(26))
                .totalCallSeconds(rs.getLong(27))
                .customFields(Json.customValues(rs.getString(28)))
                .importJobId(Columns.nullableLong(rs, 29))
                .build();
    }

    @Override
    public Optional<CustomerRecord> find(long id) {
        s.checkOpen();
        return s.first("reading a customer", "SELECT " + COLUMNS + " FROM crm_customer WHERE id = ? AND tenant = ?",
                ps -> {
                    ps.setLong(1, id);
                    ps.setString(2, s.tenantValue());
                }, JdbcCustomers::read);
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
                }, JdbcCustomers::read);
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
                    Array array = c.createArrayOf("varchar", numbers);
                    ps.setString(1, s.tenantValue());
                    ps.setArray(2, array);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long id = rs.getLong(2);
                            if (!rs.wasNull()) {
                                found.put(PhoneNumber.of(rs.getString(1)), id);
                            }
                        }
                    }
                    array.free();
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
        String sql = s.dialect() == Dialect.POSTGRESQL
                // Each id looked up by the primary key whatever the statistics say (see phonesLookupSql).
                ? "SELECT " + C_COLUMNS + " FROM unnest(?::bigint[]) AS i(id) CROSS JOIN LATERAL"
                        + " (SELECT * FROM crm_customer WHERE id = i.id AND tenant = ? LIMIT 1) AS c"
                : "SELECT " + C_COLUMNS + " FROM TABLE(id BIGINT = ?) i"
                        + " JOIN crm_customer c ON c.id = i.id AND c.tenant = ?";
        Map<Long, CustomerRecord> found = new HashMap<>();
        s.sql("reading customers", c -> {
            Array array = c.createArrayOf("bigint", values);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setArray(1, array);
                ps.setString(2, s.tenantValue());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        CustomerRecord r = read(rs);
                        found.put(r.id(), r);
                    }
                }
            } finally {
                array.free();
            }
            return null;
        });
        return found;
    }

    @Override
    public int updateAll(List<CustomerRecord> customers, long[] expectedVersions) {
        s.checkWritable();
        if (suffixes() || customers.size() < 2) {
            // H2 rewrites each customer's suffix entries from its stored search text, one by one.
            return CustomerStore.super.updateAll(customers, expectedVersions);
        }
        return s.sql("updating customers", c -> {
            try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                for (int k = 0; k < expectedVersions.length; k++) {
                    CustomerRecord customer = customers.get(k);
                    bindUpdate(ps, customer, CustomerSearchText.of(customer), expectedVersions[k]);
                    ps.addBatch();
                }
                int n = 0;
                for (int count : ps.executeBatch()) {
                    n += count == 1 || count == java.sql.Statement.SUCCESS_NO_INFO ? 1 : 0;
                }
                return n;
            }
        });
    }

    @Override
    public boolean update(CustomerRecord customer, long expectedVersion) {
        s.checkWritable();
        return s.sql("updating a customer", c -> {
            String searchText = CustomerSearchText.of(customer);
            String before = suffixes() ? storedSearchText(c, customer.id()) : null;
            boolean updated;
            try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                bindUpdate(ps, customer, searchText, expectedVersion);
                updated = ps.executeUpdate() == 1;
            }
            if (updated && before != null && !before.equals(searchText)) {
                SuffixIndex.remove(c, s.tenantValue(), customer.id(), before);
                SuffixIndex.add(c, s.tenantValue(), new long[] {customer.id()}, List.of(searchText));
            }
            return updated;
        });
    }

    @Override
    public boolean delete(long id) {
        s.checkWritable();
        return s.sql("deleting a customer", c -> {
            String before = suffixes() ? storedSearchText(c, id) : null;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM crm_customer WHERE id = ? AND tenant = ?")) {
                ps.setLong(1, id);
                ps.setString(2, s.tenantValue());
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            if (before != null) {
                SuffixIndex.remove(c, s.tenantValue(), id, before);
            }
            return true;
        });
    }

    @Override
    public List<CustomerRecord> search(CustomerCriteria criteria) {
        s.checkOpen();
        SearchSql q = SearchSql.select(s.tenantValue(), criteria, drivingTerm(criteria));
        if (s.dialect() != Dialect.POSTGRESQL || !SearchSql.isPhoneQuery(criteria)) {
            return s.list("searching customers", q.sql(), q::bind, JdbcCustomers::read);
        }
        // PostgreSQL cannot tell how many customers a run of digits matches (its estimate of a
        // LIKE on digits is off by orders of magnitude), and a wrong guess makes it walk the sort
        // index backwards through most of the table looking for a page of matches (measured: 355
        // ms instead of 35 on 1.9M customers). A phone query matches few customers, so its plan
        // is fixed here: the trigram index's matches, then sorted.
        return s.sql("searching customers by phone", c -> {
            String[] previous = new String[2];
            try (PreparedStatement ps = c.prepareStatement(STEER_TO_TEXT_INDEX); ResultSet rs = ps.executeQuery()) {
                rs.next();
                previous[0] = rs.getString(1);
                previous[1] = rs.getString(2);
            }
            try {
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
            } finally {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT set_config('enable_indexscan', ?, true), set_config('enable_seqscan', ?, true)")) {
                    ps.setString(1, previous[0]);
                    ps.setString(2, previous[1]);
                    ps.execute();
                }
            }
        });
    }

    /**
     * For the rest of the transaction, PostgreSQL plans without plain index scans and sequential
     * scans, which leaves it the bitmap scan of the trigram index; returns the two settings' values
     * before, to put back.
     */
    static final String STEER_TO_TEXT_INDEX = "SELECT current_setting('enable_indexscan'), current_setting('enable_seqscan'),"
            + " set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true)";

    @Override
    public long count(CustomerCriteria criteria) {
        s.checkOpen();
        SearchSql q = SearchSql.count(s.tenantValue(), criteria, drivingTerm(criteria));
        return s.first("counting customers", q.sql(), q::bind, rs -> rs.getLong(1)).orElseThrow();
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

    /** Whether this database keeps the suffix index (H2; PostgreSQL has its trigram index). */
    private boolean suffixes() {
        return s.dialect() == Dialect.H2;
    }

    /** On H2, the term to find candidates by through the suffix index, if one is selective. */
    private String drivingTerm(CustomerCriteria criteria) {
        return suffixes() && !criteria.terms().isEmpty()
                ? s.sql("planning a search", c -> SuffixIndex.drivingTerm(c, s.tenantValue(), criteria.terms())) : null;
    }

    private String storedSearchText(java.sql.Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT search_text FROM crm_customer WHERE id = ? AND tenant = ?")) {
            ps.setLong(1, id);
            ps.setString(2, s.tenantValue());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
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
}
