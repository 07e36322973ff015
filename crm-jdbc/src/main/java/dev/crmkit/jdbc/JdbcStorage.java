package dev.crmkit.jdbc;

import dev.crmkit.core.StorageException;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.blob.BlobStore;
import dev.crmkit.core.importjob.JobClaim;
import dev.crmkit.core.spi.Storage;
import dev.crmkit.core.spi.StorageSession;
import dev.crmkit.jdbc.internal.Database;
import dev.crmkit.jdbc.internal.Dialect;
import dev.crmkit.jdbc.internal.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Storage in a PostgreSQL (14+) or SQLite (3.45+) database reached through the host's {@link
 * DataSource}. The adapter opens no pool of its own: give it the application's pooled data source
 * (for SQLite, any data source of the driver {@code org.xerial:sqlite-jdbc}, such as
 * {@code org.sqlite.SQLiteDataSource} on a file).
 *
 * <pre>{@code
 * Storage storage = JdbcStorage.builder(dataSource).build(); // migrates the schema first
 * Crm crm = Crm.builder(storage).build();
 * }</pre>
 *
 * <p>Every unit of work is one transaction on one connection. Writers of one tenant wait for each
 * other (a transaction-scoped advisory lock on PostgreSQL; SQLite has one writer at a time for the
 * whole file), in this process and in any other sharing the database, so core's rules hold across
 * processes; reads see a consistent snapshot and never wait. A SQLite file is put in WAL mode,
 * where a committed transaction survives a crash of the process; with the driver's {@code
 * synchronous} setting at {@code FULL} it also survives a power loss. Failures of the database surface as {@link
 * StorageException} ({@code STORAGE_FAILURE}) and leave nothing of the unit of work behind.
 *
 * <p>Attachment bytes go to the same database ({@link JdbcBlobStore}) unless the host gives
 * {@code Crm.builder(...).blobStore(...)} another blob store. Bytes in the database leave in the
 * transaction that removes their attachment (or its customer), so a failure never parts the two.
 *
 * <p>Thread-safe.
 */
public final class JdbcStorage implements Storage {

    private final Database db;
    private final Transactions transactions;
    private final JdbcBlobStore blobs;

    private JdbcStorage(Database db) {
        this.db = db;
        this.transactions = new Transactions(db);
        this.blobs = JdbcBlobStore.on(db.dataSource());
    }

    /** Starts configuring storage on the host's data source. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The kind of database behind the storage. */
    public String databaseName() {
        return db.dialect().name();
    }

    @Override
    public <T> T read(TenantId tenant, Function<StorageSession, T> work) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(work, "work");
        return transactions.run(tenant, work, false);
    }

    @Override
    public <T> T write(TenantId tenant, Function<StorageSession, T> work) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(work, "work");
        return transactions.run(tenant, work, true);
    }

    @Override
    public Optional<JobClaim> claimImportJob(String owner, Instant now, Instant leaseUntil) {
        Objects.requireNonNull(owner, "owner");
        return transactions.claimImportJob(owner, now, leaseUntil);
    }

    /** A {@link JdbcBlobStore} on the same data source: attachment bytes in the database's own tables. */
    @Override
    public Optional<BlobStore> defaultBlobStore() {
        return Optional.of(blobs);
    }

    /** Options of {@link JdbcStorage}. Each setter may be called once. Not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private @Nullable Boolean migrate;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * Whether {@link #build()} brings the schema to the latest version with {@link
         * CrmSchema#migrate(DataSource)} (the default). Switch it off when the host applies the
         * scripts with its own migration tool.
         */
        public Builder migrate(boolean value) {
            if (migrate != null) {
                throw new IllegalStateException("migrate was already set");
            }
            migrate = value;
            return this;
        }

        /**
         * The storage, after migrating the schema if asked.
         *
         * @throws StorageException if the database cannot be reached, is not PostgreSQL or SQLite,
         *     or the migration fails
         */
        public JdbcStorage build() {
            Dialect dialect;
            try (Connection c = dataSource.getConnection()) {
                dialect = Dialect.of(c);
                if (dialect == Dialect.SQLITE) {
                    walMode(c);
                }
            } catch (SQLException e) {
                throw new StorageException("the database could not be reached or is not supported: " + e.getMessage(), e);
            }
            if (migrate == null || migrate) {
                CrmSchema.migrate(dataSource);
            }
            Database db = new Database(dataSource, dialect);
            new Transactions(db).fillMissingSearchKeys();
            return new JdbcStorage(db);
        }

        /**
         * Puts a SQLite file in WAL mode, where readers never wait for the writer (a setting of the
         * file, kept). A database in memory has no such mode and stays as it is.
         */
        private static void walMode(Connection c) throws SQLException {
            boolean autoCommit = c.getAutoCommit();
            if (!autoCommit) {
                c.setAutoCommit(true);
            }
            try (java.sql.Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                rs.next();
            } finally {
                if (!autoCommit) {
                    c.setAutoCommit(false);
                }
            }
        }
    }
}
