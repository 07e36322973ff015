package dev.crmkit.jdbc.internal;

import dev.crmkit.core.TenantId;
import dev.crmkit.core.spi.ActivityStore;
import dev.crmkit.core.spi.AuditStore;
import dev.crmkit.core.spi.CustomFieldStore;
import dev.crmkit.core.spi.CustomerStore;
import dev.crmkit.core.spi.ImportJobStore;
import dev.crmkit.core.spi.PermissionStore;
import dev.crmkit.core.spi.StorageSession;
import java.sql.Connection;
import java.sql.SQLException;

/** One unit of work on one tenant: one connection inside one transaction. */
public final class JdbcSession implements StorageSession {

    /** Work against the session's connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
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

    Dialect dialect() {
        return db.dialect();
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
}
