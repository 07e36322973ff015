package dev.crmkit.jdbc.internal;

import dev.crmkit.core.TenantId;
import dev.crmkit.core.spi.ActivityStore;
import dev.crmkit.core.spi.AttachmentStore;
import dev.crmkit.core.spi.CallStore;
import dev.crmkit.core.spi.AuditStore;
import dev.crmkit.core.spi.CustomFieldStore;
import dev.crmkit.core.spi.CustomerStore;
import dev.crmkit.core.spi.ImportJobStore;
import dev.crmkit.core.spi.MessageStore;
import dev.crmkit.core.spi.PermissionStore;
import dev.crmkit.core.spi.ProductStore;
import dev.crmkit.core.spi.ResultCodeStore;
import dev.crmkit.core.spi.ScriptStore;
import dev.crmkit.core.spi.WorkItemStore;
import dev.crmkit.core.spi.StorageSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One unit of work on one tenant: one connection inside one transaction. */
public final class JdbcSession implements StorageSession {

    /** Work against the session's connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Reads the current row of a result. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final TenantId tenant;
    private final String tenantValue;
    private final Connection connection;
    private final Database db;
    private final boolean writable;
    private final JdbcCustomers customers = new JdbcCustomers(this);
    private final JdbcActivities activities = new JdbcActivities(this);
    private final JdbcSettings settings = new JdbcSettings(this);
    private final JdbcImportJobs importJobs = new JdbcImportJobs(this);
    private final JdbcResults results = new JdbcResults(this);
    private final JdbcProducts products = new JdbcProducts(this);
    private final JdbcScripts scripts = new JdbcScripts(this);
    private final JdbcWorkItems workItems = new JdbcWorkItems(this);
    private final JdbcCalls calls = new JdbcCalls(this);
    private final JdbcMessages messages = new JdbcMessages(this);
    private final JdbcAttachments attachments = new JdbcAttachments(this);
    private boolean open = true;

    public JdbcSession(TenantId tenant, Connection connection, Database db, boolean writable) {
        this.tenant = tenant;
        this.tenantValue = tenant.value();
        this.connection = connection;
        this.db = db;
        this.writable = writable;
    }

    /** Ends the session: any later use fails. */
    public void close() {
        open = false;
    }

    void checkOpen() {
        if (!open) {
            throw new IllegalStateException("this storage session has ended");
        }
    }

    void checkWritable() {
        checkOpen();
        if (!writable) {
            throw new IllegalStateException("a read-only unit of work cannot change data");
        }
    }

    /** Runs SQL on the session's connection; a failure becomes a storage exception. */
    <T> T sql(String doing, SqlWork<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw SqlErrors.storageFailure(doing, e);
        }
    }

    /** Every row a query returns. */
    <T> List<T> list(String doing, String query, Binder binder, RowReader<T> reader) {
        return sql(doing, c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(reader.read(rs));
                    }
                    return out;
                }
            }
        });
    }

    /** The first row a query returns, if any. */
    <T> Optional<T> first(String doing, String query, Binder binder, RowReader<T> reader) {
        return sql(doing, c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(reader.read(rs)) : Optional.<T>empty();
                }
            }
        });
    }

    /** Runs an INSERT, UPDATE or DELETE; returns how many rows it changed. */
    int update(String doing, String statement, Binder binder) {
        return sql(doing, c -> {
            try (PreparedStatement ps = c.prepareStatement(statement)) {
                binder.bind(ps);
                return ps.executeUpdate();
            }
        });
    }

    Dialect dialect() {
        return db.dialect();
    }

    Columns columns() {
        return db.dialect().columns();
    }

    Database storage() {
        return db;
    }

    String tenantValue() {
        return tenantValue;
    }

    @Override
    public TenantId tenant() {
        return tenant;
    }

    @Override
    public CustomerStore customers() {
        return customers;
    }

    @Override
    public ActivityStore activities() {
        return activities;
    }

    @Override
    public CustomFieldStore customFields() {
        return settings;
    }

    @Override
    public PermissionStore permissions() {
        return settings;
    }

    @Override
    public AuditStore audit() {
        return activities;
    }

    @Override
    public ImportJobStore importJobs() {
        return importJobs;
    }

    @Override
    public ResultCodeStore resultCodes() {
        return results;
    }

    @Override
    public ProductStore products() {
        return products;
    }

    @Override
    public ScriptStore scripts() {
        return scripts;
    }

    @Override
    public WorkItemStore workItems() {
        return workItems;
    }

    @Override
    public CallStore calls() {
        return calls;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public AttachmentStore attachments() {
        return attachments;
    }
}
