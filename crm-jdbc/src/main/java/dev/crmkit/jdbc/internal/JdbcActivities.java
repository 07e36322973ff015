package dev.crmkit.jdbc.internal;

import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.spi.ActivityStore;
import dev.crmkit.core.spi.AuditStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Activities and the audit log of one tenant. Ids come from sequences inside the tenant's write
 * lock, so a tenant's ids grow in the order its units of work commit and cursor paging by id
 * never skips an entry that arrives meanwhile.
 */
final class JdbcActivities implements ActivityStore, AuditStore {

    static final String COLUMNS = "id, customer_id, type, actor_id, at, text, changes, data";

    private static final String INSERT = "INSERT INTO crm_activity (" + COLUMNS
            + ", tenant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcSession s;

    JdbcActivities(JdbcSession s) {
        this.s = s;
    }

    @Override
    public long append(Activity activity) {
        s.checkWritable();
        return s.sql("storing an activity", c -> {
            long id = s.dialect().nextIds(c, "crm_activity_seq", 1)[0];
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                bind(ps, activity, id, new Json.DataWriter().of(activity.data()));
                ps.executeUpdate();
            }
            return id;
        });
    }

    @Override
    public long[] appendAll(List<Activity> activities) {
        s.checkWritable();
        if (activities.isEmpty()) {
            return new long[0];
        }
        return s.sql("storing activities", c -> {
            long[] ids = s.dialect().nextIds(c, "crm_activity_seq", activities.size());
            var copy = s.dialect() == Dialect.POSTGRESQL && ids.length > 1 ? PgCopy.copyApi(c) : null;
            if (copy != null) {
                PgCopy.activities(copy, s.tenantValue(), activities, ids);
                return ids;
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                Json.DataWriter data = new Json.DataWriter();
                for (int i = 0; i < ids.length; i++) {
                    bind(ps, activities.get(i), ids[i], data.of(activities.get(i).data()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return ids;
        });
    }

    private void bind(PreparedStatement ps, Activity activity, long id, String dataJson) throws SQLException {
        ps.setLong(1, id);
        ps.setLong(2, activity.customerId());
        ps.setString(3, activity.type().name());
        ps.setString(4, activity.actorId());
        cols().setInstant(ps, 5, activity.at());
        ps.setString(6, activity.text());
        Columns.setString(ps, 7, Json.changes(activity.changes()));
        Columns.setString(ps, 8, dataJson);
        ps.setString(9, s.tenantValue());
    }

    @Override
    public List<Activity> timeline(long customerId, Set<ActivityType> types, long beforeId, int limit) {
        s.checkOpen();
        return query("reading a timeline", " AND customer_id = ?", customerId, types, beforeId, limit);
    }

    @Override
    public List<Activity> feed(Set<ActivityType> types, long beforeId, int limit) {
        s.checkOpen();
        return query("reading the activity feed", "", 0, types, beforeId, limit);
    }

    private List<Activity> query(String doing, String customerCondition, long customerId, Set<ActivityType> types,
                                 long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM crm_activity WHERE tenant = ?")
                .append(customerCondition).append(" AND id < ?");
        List<String> typeNames = new ArrayList<>();
        types.forEach(t -> typeNames.add(t.name()));
        if (!typeNames.isEmpty()) {
            sql.append(" AND type IN (").append("?, ".repeat(typeNames.size() - 1)).append("?)");
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        return s.list(doing, sql.toString(), ps -> {
            int i = 1;
            ps.setString(i++, s.tenantValue());
            if (!customerCondition.isEmpty()) {
                ps.setLong(i++, customerId);
            }
            ps.setLong(i++, beforeId);
            for (String type : typeNames) {
                ps.setString(i++, type);
            }
            ps.setInt(i, limit);
        }, this::read);
    }

    private Activity read(ResultSet rs) throws SQLException {
        String data = rs.getString(8);
        return new Activity(rs.getLong(1), rs.getLong(2), ActivityType.valueOf(rs.getString(3)), rs.getString(4),
                cols().instant(rs, 5), rs.getString(6), Json.changes(rs.getString(7)),
                data == null ? Map.of() : Json.stringMap(data));
    }

    @Override
    public int deleteByCustomer(long customerId) {
        s.checkWritable();
        return s.update("deleting a timeline", "DELETE FROM crm_activity WHERE tenant = ? AND customer_id = ?", ps -> {
            ps.setString(1, s.tenantValue());
            ps.setLong(2, customerId);
        });
    }

    // ---- audit

    @Override
    public long append(AuditEntry entry) {
        s.checkWritable();
        return s.sql("storing an audit entry", c -> {
            long id = s.dialect().nextIds(c, "crm_audit_seq", 1)[0];
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO crm_audit (id, tenant, at, actor_id, action, subject) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setString(2, s.tenantValue());
                cols().setInstant(ps, 3, entry.at());
                ps.setString(4, entry.actorId());
                ps.setString(5, entry.action());
                ps.setString(6, entry.subject());
                ps.executeUpdate();
            }
            return id;
        });
    }

    @Override
    public List<AuditEntry> newest(int limit) {
        s.checkOpen();
        return s.list("reading the audit log", "SELECT id, at, actor_id, action, subject FROM crm_audit"
                + " WHERE tenant = ? ORDER BY id DESC LIMIT ?", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setInt(2, limit);
                }, rs -> new AuditEntry(rs.getLong(1), cols().instant(rs, 2), rs.getString(3), rs.getString(4),
                        rs.getString(5)));
    }

    private Columns cols() {
        return s.columns();
    }
}
