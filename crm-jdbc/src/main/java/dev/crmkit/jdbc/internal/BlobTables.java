package dev.crmkit.jdbc.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The SQL of the database blob store: a blob is a row of {@code crm_blob} and its bytes are
 * rows of {@code crm_blob_part}, {@link #PART_BYTES} each but the last.
 *
 * <p>A blob is written in one transaction on one connection, its parts first and its row last,
 * replacing the key's earlier parts; it is read part by part, each part with a short query on a
 * connection of its own. Each blob written under a key gets a later {@code created_at} than the
 * one it replaces, and every part is fetched only while the key still holds the blob the reader
 * opened, so a reader never mixes the parts of two blobs.
 */
public final class BlobTables {

    /** The size of every part but a blob's last: 1 MiB. */
    public static final int PART_BYTES = 1 << 20;

    /** Work inside the store's transaction. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException, IOException;
    }

    /** What a reader needs to know of a blob; the three values together name one stored version of it. */
    record Stored(long size, int parts, Instant createdAt) {
    }

    private final DataSource dataSource;
    /** The database behind the data source, known from the first connection. */
    private volatile Dialect dialect;

    public BlobTables(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    private Dialect dialect(Connection c) throws SQLException {
        Dialect d = dialect;
        if (d == null) {
            d = Dialect.of(c);
            dialect = d;
        }
        return d;
    }

    private Columns columns(Connection c) throws SQLException {
        return dialect(c).columns();
    }

    /**
     * Stores the content under the key in one transaction, replacing what the key held. The content
     * is read into one buffer of {@link #PART_BYTES}, part after part; its exceptions go through
     * unchanged after the transaction is rolled back.
     */
    public long put(String tenant, String key, InputStream content) throws IOException {
        return inTransaction("storing blob " + key + " of tenant " + tenant, c -> {
            dialect(c).beginExclusive(c);
            Instant replaced = lockRow(c, tenant, key);
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM crm_blob_part WHERE tenant = ? AND blob_key = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, key);
                ps.executeUpdate();
            }
            byte[] buffer = new byte[PART_BYTES];
            long size = 0;
            int parts = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO crm_blob_part (tenant, blob_key, part_no, bytes) VALUES (?, ?, ?, ?)")) {
                while (true) {
                    int n = content.readNBytes(buffer, 0, PART_BYTES);
                    if (n == 0) {
                        break;
                    }
                    ps.setString(1, tenant);
                    ps.setString(2, key);
                    ps.setInt(3, parts);
                    // Sent from the buffer as it is now: the statement runs before the buffer is refilled.
                    ps.setBinaryStream(4, new ByteArrayInputStream(buffer, 0, n), n);
                    ps.executeUpdate();
                    parts++;
                    size += n;
                    if (n < PART_BYTES) {
                        break; // readNBytes stops short only at the end of the content
                    }
                }
            }
            Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            if (replaced != null && !createdAt.isAfter(replaced)) {
                // Clocks may stand still or step back; a reader of the old blob must see a change.
                createdAt = replaced.plus(1, ChronoUnit.MICROS);
            }
            try (PreparedStatement ps = c.prepareStatement(replaced == null
                    ? "INSERT INTO crm_blob (size_bytes, part_count, created_at, tenant, blob_key)"
                            + " VALUES (?, ?, ?, ?, ?)"
                    : "UPDATE crm_blob SET size_bytes = ?, part_count = ?, created_at = ?"
                            + " WHERE tenant = ? AND blob_key = ?")) {
                ps.setLong(1, size);
                ps.setInt(2, parts);
                columns(c).setInstant(ps, 3, createdAt);
                ps.setString(4, tenant);
                ps.setString(5, key);
                ps.executeUpdate();
            }
            return size;
        });
    }

    /**
     * Locks the key's row, if it has one, until the transaction ends: writers of one key take turns.
     *
     * @return when the blob it holds was written, or {@code null} if it holds none
     */
    private Instant lockRow(Connection c, String tenant, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect(c).lockBlobSql())) {
            ps.setString(1, tenant);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? columns(c).instant(rs, 1) : null;
            }
        }
    }

    /** The blob as a stream that fetches its parts as they are read, or empty if the key holds none. */
    public Optional<InputStream> open(String tenant, String key) throws IOException {
        Optional<Stored> stored = query("opening blob " + key + " of tenant " + tenant,
                "SELECT size_bytes, part_count, created_at FROM crm_blob WHERE tenant = ? AND blob_key = ?",
                (ps, columns) -> {
                    ps.setString(1, tenant);
                    ps.setString(2, key);
                }, (rs, columns) -> new Stored(rs.getLong(1), rs.getInt(2), columns.instant(rs, 3)));
        return stored.map(s -> new BlobStream(this, tenant, key, s));
    }

    /**
     * One part of the blob as it was opened, or empty if the key no longer holds that blob (it was
     * deleted or replaced since).
     */
    Optional<byte[]> part(String tenant, String key, Stored blob, int number) throws IOException {
        return query("reading part " + number + " of blob " + key + " of tenant " + tenant,
                "SELECT p.bytes FROM crm_blob_part p JOIN crm_blob b ON b.tenant = p.tenant AND b.blob_key = p.blob_key"
                        + " WHERE p.tenant = ? AND p.blob_key = ? AND p.part_no = ?"
                        + " AND b.created_at = ? AND b.size_bytes = ? AND b.part_count = ?", (ps, columns) -> {
                    ps.setString(1, tenant);
                    ps.setString(2, key);
                    ps.setInt(3, number);
                    columns.setInstant(ps, 4, blob.createdAt());
                    ps.setLong(5, blob.size());
                    ps.setInt(6, blob.parts());
                }, (rs, columns) -> rs.getBytes(1));
    }

    /** Removes the blob and its parts in one transaction; returns whether the key held one. */
    public boolean delete(String tenant, String key) throws IOException {
        return inTransaction("removing blob " + key + " of tenant " + tenant, c -> {
            dialect(c).beginExclusive(c);
            int rows;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM crm_blob WHERE tenant = ? AND blob_key = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, key);
                rows = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM crm_blob_part WHERE tenant = ? AND blob_key = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, key);
                ps.executeUpdate();
            }
            return rows > 0;
        });
    }

    /**
     * Removes, in the caller's transaction, the blobs of the tenant's attachments whose {@code
     * column} ({@code id} or {@code customer_id}) is {@code value}, before their records go: the
     * attachment store takes the bytes along in the unit of work that removes the records, so a
     * failure at any point leaves both or neither. Keys whose bytes are in another blob store
     * match nothing here.
     */
    static void deleteOfAttachments(Connection c, String tenant, String column, long value) throws SQLException {
        for (String table : new String[] {"crm_blob_part", "crm_blob"}) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE tenant = ? AND blob_key IN"
                    + " (SELECT blob_key FROM crm_attachment WHERE tenant = ? AND " + column + " = ?)")) {
                ps.setString(1, tenant);
                ps.setString(2, tenant);
                ps.setLong(3, value);
                ps.executeUpdate();
            }
        }
    }

    /**
     * Runs work in one transaction on a connection of its own and gives the connection back as it
     * came (auto-commit as it was). Whatever the work throws rolls the transaction back; the
     * database's failures become {@link IOException}s, anything else goes through unchanged.
     */
    private <T> T inTransaction(String doing, Work<T> work) throws IOException {
        Connection c = connect(doing);
        boolean autoCommit = true;
        try {
            autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            rollback(c, e);
            throw new IOException(SqlErrors.describe(doing, e), e);
        } catch (IOException | RuntimeException | Error e) {
            rollback(c, e);
            throw e;
        } finally {
            try {
                if (autoCommit) {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                // A pool resets it itself; a plain data source's connection is closed next anyway.
            }
            closeQuietly(c);
        }
    }

    /** Binds a statement's parameters. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps, Columns columns) throws SQLException;
    }

    /** Reads a row. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs, Columns columns) throws SQLException;
    }

    /** The first row of one short query on a connection returned at once. */
    private <T> Optional<T> query(String doing, String sql, Binder binder, RowReader<T> reader) throws IOException {
        try (Connection c = connect(doing); PreparedStatement ps = c.prepareStatement(sql)) {
            Columns columns = columns(c);
            binder.bind(ps, columns);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(reader.read(rs, columns)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IOException(SqlErrors.describe(doing, e), e);
        }
    }

    private Connection connect(String doing) throws IOException {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new IOException(SqlErrors.describe(doing, e), e);
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // The work has ended either way; a broken connection is the pool's to drop.
        }
    }
}
