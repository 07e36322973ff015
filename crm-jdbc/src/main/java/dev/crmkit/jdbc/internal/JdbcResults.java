package dev.crmkit.jdbc.internal;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.result.AppliedResult;
import dev.crmkit.core.result.ParameterRule;
import dev.crmkit.core.result.ResultCode;
import dev.crmkit.core.result.ResultCount;
import dev.crmkit.core.result.ResultParameter;
import dev.crmkit.core.result.ResultSource;
import dev.crmkit.core.result.ResultTarget;
import dev.crmkit.core.spi.ResultCodeStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A tenant's result codes and the applications of them. */
final class JdbcResults implements ResultCodeStore {

    private static final String CODE_COLUMNS = "code, label, active, applies_to, parameters";
    private static final String RESULT_COLUMNS =
            "id, customer_id, code, target, phone, product_no, source, action_at, amount, installments, note, actor_id, at";

    private final JdbcSession s;

    JdbcResults(JdbcSession s) {
        this.s = s;
    }

    // ---- definitions

    @Override
    public void insert(ResultCode code) {
        s.checkWritable();
        s.sql("storing a result code", c -> {
            if (find(code.code()).isPresent()) {
                // Checked first: on PostgreSQL a failed statement would end the whole unit of work.
                throw new ConflictException(ErrorCode.RESULT_CODE_TAKEN, "a result code " + code.code() + " exists");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO crm_result_code (" + CODE_COLUMNS + ", tenant) VALUES (?, ?, ?, ?, ?, ?)")) {
                bind(ps, code);
                ps.setString(6, s.tenantValue());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean update(ResultCode code) {
        s.checkWritable();
        return s.update("updating a result code", "UPDATE crm_result_code SET code = ?, label = ?, active = ?,"
                + " applies_to = ?, parameters = ? WHERE tenant = ? AND code = ?", ps -> {
                    bind(ps, code);
                    ps.setString(6, s.tenantValue());
                    ps.setString(7, code.code());
                }) == 1;
    }

    private static void bind(PreparedStatement ps, ResultCode code) throws SQLException {
        ps.setString(1, code.code());
        ps.setString(2, code.label());
        ps.setBoolean(3, code.active());
        ps.setString(4, code.appliesTo().stream().map(Enum::name).collect(Collectors.joining(",")));
        ps.setString(5, code.parameters().entrySet().stream().map(e -> e.getKey().name() + "=" + e.getValue().name())
                .collect(Collectors.joining(",")));
    }

    @Override
    public List<ResultCode> list() {
        s.checkOpen();
        List<ResultCode> out = new ArrayList<>(s.list("listing result codes",
                "SELECT " + CODE_COLUMNS + " FROM crm_result_code WHERE tenant = ?",
                ps -> ps.setString(1, s.tenantValue()), JdbcResults::readCode));
        // Sorted here, by code point, whatever the database's collation.
        out.sort(Comparator.comparing(ResultCode::code));
        return out;
    }

    @Override
    public Optional<ResultCode> find(String code) {
        s.checkOpen();
        return s.first("reading a result code", "SELECT " + CODE_COLUMNS + " FROM crm_result_code"
                + " WHERE tenant = ? AND code = ?", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setString(2, code);
                }, JdbcResults::readCode);
    }

    private static ResultCode readCode(ResultSet rs) throws SQLException {
        Set<ResultTarget> targets = EnumSet.noneOf(ResultTarget.class);
        for (String t : rs.getString(4).split(",")) {
            targets.add(ResultTarget.valueOf(t));
        }
        Map<ResultParameter, ParameterRule> rules = new EnumMap<>(ResultParameter.class);
        for (String pair : rs.getString(5).split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                rules.put(ResultParameter.valueOf(pair.substring(0, eq)), ParameterRule.valueOf(pair.substring(eq + 1)));
            }
        }
        return new ResultCode(rs.getString(1), rs.getString(2), rs.getBoolean(3), targets, rules);
    }

    // ---- applications

    @Override
    public long append(AppliedResult r) {
        s.checkWritable();
        return s.sql("storing a result", c -> {
            long id = s.dialect().nextIds(c, "crm_result_seq", 1)[0];
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_result (" + RESULT_COLUMNS
                    + ", tenant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setLong(2, r.customerId());
                ps.setString(3, r.code());
                ps.setString(4, r.target().name());
                Columns.setString(ps, 5, r.phone() == null ? null : r.phone().e164());
                Columns.setString(ps, 6, r.productNo());
                ps.setString(7, r.source().name());
                cols().setInstant(ps, 8, r.actionAt());
                cols().setDecimal(ps, 9, r.amount());
                if (r.installments() == null) {
                    ps.setNull(10, Types.INTEGER);
                } else {
                    ps.setInt(10, r.installments());
                }
                Columns.setString(ps, 11, r.note());
                ps.setString(12, r.actorId());
                cols().setInstant(ps, 13, r.at());
                ps.setString(14, s.tenantValue());
                ps.executeUpdate();
            }
            return id;
        });
    }

    @Override
    public List<AppliedResult> history(long customerId, int limit) {
        s.checkOpen();
        return s.list("reading a customer's results", "SELECT " + RESULT_COLUMNS + " FROM crm_result"
                + " WHERE tenant = ? AND customer_id = ? ORDER BY id DESC LIMIT ?", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setLong(2, customerId);
                    ps.setInt(3, limit);
                }, this::readResult);
    }

    private AppliedResult readResult(ResultSet rs) throws SQLException {
        String phone = rs.getString(5);
        int installments = rs.getInt(10);
        Integer maybeInstallments = rs.wasNull() ? null : installments;
        return new AppliedResult(rs.getLong(1), rs.getLong(2), rs.getString(3), ResultTarget.valueOf(rs.getString(4)),
                phone == null ? null : PhoneNumber.of(phone), rs.getString(6), ResultSource.valueOf(rs.getString(7)),
                cols().instant(rs, 8), cols().decimal(rs, 9), maybeInstallments, rs.getString(11), rs.getString(12),
                cols().instant(rs, 13));
    }

    @Override
    public List<AppliedResult> productHistory(String productNo, int limit) {
        s.checkOpen();
        return s.list("reading a product's actions", "SELECT " + RESULT_COLUMNS + " FROM crm_result"
                + " WHERE tenant = ? AND product_no = ? ORDER BY id DESC LIMIT ?", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setString(2, productNo);
                    ps.setInt(3, limit);
                }, this::readResult);
    }

    @Override
    public int deleteByProduct(String productNo) {
        s.checkWritable();
        return s.update("removing a product's actions", "DELETE FROM crm_result WHERE tenant = ? AND product_no = ?",
                ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setString(2, productNo);
                });
    }

    @Override
    public List<ResultCount> count(Instant from, Instant to) {
        s.checkOpen();
        List<ResultCount> out = new ArrayList<>(s.list("counting results", "SELECT code, source, count(*) FROM crm_result"
                + " WHERE tenant = ? AND at >= ? AND at < ? GROUP BY code, source", ps -> {
                    ps.setString(1, s.tenantValue());
                    cols().setInstant(ps, 2, from);
                    cols().setInstant(ps, 3, to);
                }, rs -> new ResultCount(rs.getString(1), ResultSource.valueOf(rs.getString(2)), rs.getLong(3))));
        // By code point, then source in its declared order, whatever the database's collation.
        out.sort(Comparator.comparing(ResultCount::code).thenComparing(ResultCount::source));
        return out;
    }

    @Override
    public int deleteByCustomer(long customerId) {
        s.checkWritable();
        return s.update("removing a customer's results", "DELETE FROM crm_result WHERE tenant = ? AND customer_id = ?",
                ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setLong(2, customerId);
                });
    }

    private Columns cols() {
        return s.columns();
    }
}
