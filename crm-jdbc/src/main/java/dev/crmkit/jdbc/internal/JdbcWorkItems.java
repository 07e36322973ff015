package dev.crmkit.jdbc.internal;

import dev.crmkit.core.spi.WorkItemStore;
import dev.crmkit.core.work.WorkItem;
import dev.crmkit.core.work.WorkItemKind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** A tenant's tasks, issues and events. */
final class JdbcWorkItems implements WorkItemStore {

    private static final String COLUMNS = "id, kind, title, description, customer_id, assignee, due_at, ends_at, done,"
            + " done_at, created_by, created_at, updated_at, version";

    private final JdbcSession s;

    JdbcWorkItems(JdbcSession s) {
        this.s = s;
    }

    @Override
    public long insert(WorkItem item) {
        s.checkWritable();
        return s.sql("storing a work item", c -> {
            long id = s.dialect().nextIds(c, "crm_work_item_seq", 1)[0];
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_work_item (" + COLUMNS
                    + ", tenant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, id);
                bindValues(ps, item, 2);
                ps.setString(15, s.tenantValue());
                ps.executeUpdate();
            }
            return id;
        });
    }

    /** Binds everything but the id, from {@code first} on; returns the next index. */
    private int bindValues(PreparedStatement ps, WorkItem i, int first) throws SQLException {
        int n = first;
        ps.setString(n++, i.kind().name());
        ps.setString(n++, i.title());
        Columns.setString(ps, n++, i.description());
        Columns.setLong(ps, n++, i.customerId());
        Columns.setString(ps, n++, i.assignee());
        cols().setInstant(ps, n++, i.dueAt());
        cols().setInstant(ps, n++, i.endsAt());
        ps.setBoolean(n++, i.done());
        cols().setInstant(ps, n++, i.doneAt());
        ps.setString(n++, i.createdBy());
        cols().setInstant(ps, n++, i.createdAt());
        cols().setInstant(ps, n++, i.updatedAt());
        ps.setLong(n++, i.version());
        return n;
    }

    @Override
    public boolean update(WorkItem item, long expectedVersion) {
        s.checkWritable();
        return s.update("updating a work item", "UPDATE crm_work_item SET kind = ?, title = ?, description = ?,"
                + " customer_id = ?, assignee = ?, due_at = ?, ends_at = ?, done = ?, done_at = ?, created_by = ?,"
                + " created_at = ?, updated_at = ?, version = ? WHERE tenant = ? AND id = ? AND version = ?", ps -> {
                    int n = bindValues(ps, item, 1);
                    ps.setString(n++, s.tenantValue());
                    ps.setLong(n++, item.id());
                    ps.setLong(n, expectedVersion);
                }) == 1;
    }

    private WorkItem read(ResultSet rs) throws SQLException {
        return new WorkItem(rs.getLong(1), WorkItemKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                Columns.nullableLong(rs, 5), rs.getString(6), cols().instant(rs, 7), cols().instant(rs, 8),
                rs.getBoolean(9), cols().instant(rs, 10), rs.getString(11), cols().instant(rs, 12),
                cols().instant(rs, 13), rs.getLong(14));
    }

    @Override
    public Optional<WorkItem> find(long id) {
        s.checkOpen();
        return s.first("reading a work item", "SELECT " + COLUMNS + " FROM crm_work_item WHERE tenant = ? AND id = ?",
                ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setLong(2, id);
                }, this::read);
    }

    @Override
    public List<WorkItem> listByCustomer(long customerId) {
        s.checkOpen();
        return s.list("listing a customer's work items", "SELECT " + COLUMNS + " FROM crm_work_item"
                + " WHERE tenant = ? AND customer_id = ? ORDER BY id", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setLong(2, customerId);
                }, this::read);
    }

    @Override
    public int unlinkCustomer(long customerId) {
        s.checkWritable();
        return s.update("unlinking a customer's work items", "UPDATE crm_work_item SET customer_id = NULL"
                + " WHERE tenant = ? AND customer_id = ?", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setLong(2, customerId);
                });
    }

    @Override
    public boolean delete(long id) {
        s.checkWritable();
        return s.update("removing a work item", "DELETE FROM crm_work_item WHERE tenant = ? AND id = ?", ps -> {
            ps.setString(1, s.tenantValue());
            ps.setLong(2, id);
        }) == 1;
    }

    private Columns cols() {
        return s.columns();
    }
}
