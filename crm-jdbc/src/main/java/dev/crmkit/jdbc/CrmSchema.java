package dev.crmkit.jdbc;

import dev.crmkit.core.StorageException;
import dev.crmkit.jdbc.internal.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The database schema of {@link JdbcStorage}: versioned Flyway migrations shipped in this jar,
 * one folder per database ({@code db/crmkit/postgresql}, {@code db/crmkit/h2}), recorded in their
 * own history table ({@value #HISTORY_TABLE}) so they never mix with the host's migrations.
 *
 * <p>The schema may already hold other tables (the host's own): the first migration then records a
 * baseline at version 0 in the history table before applying every version.
 *
 * <p>A host that runs its own Flyway points a second Flyway instance (or an extra location with
 * this history table) at {@link #location(DataSource)}; a host on Liquibase includes the same SQL
 * files with {@code sqlFile} change sets in version order.
 */
public final class CrmSchema {

    /** The table in which Flyway records the applied versions of this schema. */
    public static final String HISTORY_TABLE = "crm_schema_history";

    private CrmSchema() {
    }

    /**
     * Brings the schema to the latest version; does nothing when it is there.
     *
     * @return how many migrations were applied
     * @throws StorageException if a migration fails
     */
    public static int migrate(DataSource dataSource) {
        if (isCurrent(dataSource)) {
            return 0;
        }
        try {
            MigrateResult result = configure(dataSource).load().migrate();
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw new StorageException("the crmkit schema could not be migrated: " + e.getMessage(), e);
        }
    }

    /**
     * Brings the schema to a given version and no further (for upgrade tests and staged roll-outs).
     *
     * @return how many migrations were applied
     */
    public static int migrateTo(DataSource dataSource, String version) {
        try {
            return configure(dataSource).target(version).load().migrate().migrationsExecuted;
        } catch (FlywayException e) {
            throw new StorageException("the crmkit schema could not be migrated: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the history table records the latest shipped version as applied, and no failed
     * migration. Read with one query, so that a process on a current schema (every run of the
     * command line tool) does not pay for Flyway's start, about a third of a second; Flyway
     * itself runs only when there is something to do, and then checks everything it checks.
     */
    static boolean isCurrent(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            java.util.Optional<String> latestShipped = Dialect.of(c).latestSchemaVersion();
            if (latestShipped.isEmpty()) {
                return false; // the shipped scripts could not be listed: Flyway decides
            }
            String latest = latestShipped.get();
            boolean autoCommit = c.getAutoCommit();
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT"
                    + " sum(CASE WHEN version = ? AND success THEN 1 ELSE 0 END),"
                    + " sum(CASE WHEN success THEN 0 ELSE 1 END) FROM " + HISTORY_TABLE)) {
                ps.setString(1, latest);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getLong(1) == 1 && rs.getLong(2) == 0;
                }
            } finally {
                if (!autoCommit) {
                    c.rollback();
                }
            }
        } catch (SQLException e) {
            // No history table yet, or one this check cannot read: Flyway decides.
            return false;
        }
    }

    /** The Flyway configuration of this schema, for hosts that want to run or inspect it themselves. */
    public static org.flywaydb.core.api.configuration.FluentConfiguration configure(DataSource dataSource) {
        return Flyway.configure(CrmSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(location(dataSource))
                .table(HISTORY_TABLE)
                // The host's tables may already be in the schema: the history table then starts
                // with a baseline below the first version, and every migration still runs.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .validateMigrationNaming(true);
    }

    /** The classpath location of the migrations for the database behind the data source. */
    public static String location(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return Dialect.of(c).migrationLocation();
        } catch (SQLException e) {
            throw new StorageException("the database could not be reached or is not supported: " + e.getMessage(), e);
        }
    }
}
