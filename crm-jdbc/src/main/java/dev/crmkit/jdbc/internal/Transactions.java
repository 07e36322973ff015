package dev.crmkit.jdbc.internal;

import dev.crmkit.core.StorageException;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.JobClaim;
import dev.crmkit.core.spi.StorageSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/** Runs units of work as transactions on connections of the host's data source. */
public final class Transactions {

    private final Database db;

    public Transactions(Database db) {
        this.db = db;
    }

    /**
     * Runs work in one transaction: a consistent snapshot for reads; for writes, after waiting for
     * the tenant's other writers, so that a tenant's units of work behave as if run one after the
     * other in every process sharing the database.
     */
    public <T> T run(TenantId tenant, Function<StorageSession, T> work, boolean writable) {
        Connection c;
        try {
            c = db.dataSource().getConnection();
        } catch (SQLException e) {
            throw SqlErrors.storageFailure("connecting", e);
        }
        boolean autoCommit;
        try {
            autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            if (writable) {
                db.dialect().beginWrite(c, tenant.value());
            } else {
                db.dialect().beginRead(c);
            }
        } catch (SQLException e) {
            rollback(c, e);
            closeQuietly(c);
            throw SqlErrors.storageFailure(writable ? "waiting for the tenant's other writers" : "starting a read", e);
        }
        JdbcSession session = new JdbcSession(tenant, c, db, writable);
        try {
            T result = work.apply(session);
            try {
                c.commit();
            } catch (SQLException e) {
                throw SqlErrors.storageFailure("committing", e);
            }
            return result;
        } catch (RuntimeException | Error e) {
            if (!rollback(c, e) && e instanceof StorageException failure && !failure.isTransient()) {
                // The statement's error said nothing of the connection (some drivers report a lost
                // server as a general error), but not even a rollback went through: the
                // connection is gone, and the work may well succeed on a new one.
                throw SqlErrors.connectionLost(failure);
            }
            throw e;
        } finally {
            session.close();
            restoreQuietly(c, writable, autoCommit);
            closeQuietly(c);
        }
    }

    /**
     * Gives the connection back as it came. A pool resets these itself; a plain data source's
     * connection is closed next anyway, so a failure here changes nothing the caller relies on.
     */
    private void restoreQuietly(Connection c, boolean writable, boolean autoCommit) {
        try {
            if (!writable) {
                db.dialect().endRead(c);
            }
            if (autoCommit) {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // See above: nothing of the unit of work depends on it.
        }
    }

    /**
     * Gives the customers stored before the search keys were kept (PostgreSQL's schema before
     * version 5) their keys.
     */
    public long fillMissingSearchKeys() {
        return JdbcCustomers.fillMissingKeys(db);
    }

    /** Claims the oldest job needing a worker; two processes never claim one job at once. */
    public Optional<JobClaim> claimImportJob(String owner, Instant now, Instant leaseUntil) {
        try (Connection c = db.dataSource().getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                db.dialect().beginExclusive(c);
                Optional<JobClaim> claim = claim(c, owner, now, leaseUntil);
                c.commit();
                return claim;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                // Quietly: on a connection that broke, this fails too and would hide why.
                restoreAutoCommitQuietly(c, autoCommit);
            }
        } catch (SQLException e) {
            throw SqlErrors.storageFailure("claiming an import job", e);
        }
    }

    private static void restoreAutoCommitQuietly(Connection c, boolean autoCommit) {
        try {
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            // A pool resets it itself; a plain data source's connection is closed next anyway.
        }
    }

    private Optional<JobClaim> claim(Connection c, String owner, Instant now, Instant leaseUntil)
            throws SQLException {
        long id;
        String tenant;
        Columns columns = db.dialect().columns();
        try (PreparedStatement ps = c.prepareStatement(db.dialect().claimJobSql())) {
            columns.setInstant(ps, 1, now);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                id = rs.getLong(1);
                tenant = rs.getString(2);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE crm_import_job"
                + " SET lease_owner = ?, lease_until = ?, version = version + 1 WHERE id = ?")) {
            ps.setString(1, owner);
            columns.setInstant(ps, 2, leaseUntil);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
        return Optional.of(new JobClaim(TenantId.of(tenant), id));
    }

    /** Rolls back; false if the connection could not, the failure kept with the cause. */
    private static boolean rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
            return true;
        } catch (SQLException e) {
            cause.addSuppressed(e);
            return false;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // The unit of work has ended either way; a broken connection is the pool's to drop.
        }
    }
}
