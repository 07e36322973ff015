package dev.crmkit.jdbc.internal;

import dev.crmkit.core.call.Call;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.result.ResultSource;
import dev.crmkit.core.spi.CallStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A tenant's calls. */
final class JdbcCalls implements CallStore {

    private static final String COLUMNS = "id, customer_id, phone, agent, started_at, seconds, result_code, source,"
            + " recording_ref IS NOT NULL, recorded_at";

    private final JdbcSession s;

    JdbcCalls(JdbcSession s) {
        this.s = s;
    }

    @Override
    public long append(Call c, String recordingRef) {
        s.checkWritable();
        return s.sql("storing a call", conn -> {
            long id = s.dialect().nextIds(conn, "crm_call_seq", 1)[0];
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO crm_call (id, customer_id, phone, agent,"
                    + " started_at, seconds, result_code, source, recording_ref, recorded_at, tenant)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setLong(2, c.customerId());
                ps.setString(3, c.phone().e164());
                ps.setString(4, c.agent());
                cols().setInstant(ps, 5, c.startedAt());
                ps.setLong(6, c.duration().toSeconds());
                Columns.setString(ps, 7, c.resultCode());
                ps.setString(8, c.source().name());
                Columns.setString(ps, 9, recordingRef);
                cols().setInstant(ps, 10, c.recordedAt());
                ps.setString(11, s.tenantValue());
                ps.executeUpdate();
            }
            return id;
        });
    }

    private Call read(ResultSet rs) throws SQLException {
        return new Call(rs.getLong(1), rs.getLong(2), PhoneNumber.of(rs.getString(3)), rs.getString(4),
                cols().instant(rs, 5), Duration.ofSeconds(rs.getLong(6)), rs.getString(7),
                ResultSource.valueOf(rs.getString(8)), rs.getBoolean(9), cols().instant(rs, 10));
    }

    @Override
    public List<Call> list(long customerId, int limit) {
        s.checkOpen();
        return s.list("listing a customer's calls", "SELECT " + COLUMNS + " FROM crm_call"
                + " WHERE tenant = ? AND customer_id = ? ORDER BY id DESC LIMIT ?", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setLong(2, customerId);
                    ps.setInt(3, limit);
                }, this::read);
    }

    @Override
    public Optional<Call> find(long id) {
        s.checkOpen();
        return s.first("reading a call", "SELECT " + COLUMNS + " FROM crm_call WHERE tenant = ? AND id = ?", ps -> {
            ps.setString(1, s.tenantValue());
            ps.setLong(2, id);
        }, this::read);
    }

    @Override
    public Optional<String> recordingRef(long id) {
        s.checkOpen();
        return s.first("reading a call's recording", "SELECT recording_ref FROM crm_call WHERE tenant = ? AND id = ?"
                + " AND recording_ref IS NOT NULL", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setLong(2, id);
                }, rs -> rs.getString(1));
    }

    @Override
    public int deleteByCustomer(long customerId) {
        s.checkWritable();
        return s.update("removing a customer's calls", "DELETE FROM crm_call WHERE tenant = ? AND customer_id = ?",
                ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setLong(2, customerId);
                });
    }

    private Columns cols() {
        return s.columns();
    }
}
