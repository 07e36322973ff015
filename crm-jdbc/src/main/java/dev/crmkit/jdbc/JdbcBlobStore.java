package dev.crmkit.jdbc;

import dev.crmkit.core.TenantId;
import dev.crmkit.core.blob.BlobStore;
import dev.crmkit.jdbc.internal.BlobTables;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Blobs in the crmkit schema's own tables ({@code crm_blob} and {@code crm_blob_part}, schema
 * version 4 on) in a PostgreSQL or SQLite database reached through the host's {@link DataSource}. It
 * is where {@link JdbcStorage} keeps attachment bytes unless the host configures another blob
 * store; a host may also make one itself:
 *
 * <pre>{@code
 * BlobStore blobs = JdbcBlobStore.on(dataSource); // the schema migrated, e.g. by JdbcStorage.builder(dataSource).build()
 * }</pre>
 *
 * <p>Bytes are kept in parts of 1 MiB and streamed both ways: {@link #put} reads the content into
 * one reusable buffer of 1 MiB and stores it part after part, in one transaction on one
 * connection, so a failure (the content's own included) leaves the key as it was; {@link #open}
 * returns a stream that fetches each part only when the reader reaches it, on a connection
 * borrowed for that one query and given back at once, so a slow reader holds no connection. A
 * blob deleted or replaced while a reader is in it makes that reader fail with an {@link
 * IOException} rather than mix two blobs. Two writers of the same key take turns; if the key was
 * empty, the later of two simultaneous writers may fail instead (the library never reuses keys).
 *
 * <p>Connections are given back as they came: auto-commit is switched off only for the
 * transaction and restored after, and nothing else of the connection is changed. Failures of
 * the database are {@link IOException}s. Thread-safe.
 */
public final class JdbcBlobStore implements BlobStore {

    private final BlobTables tables;

    private JdbcBlobStore(DataSource dataSource) {
        this.tables = new BlobTables(dataSource);
    }

    /**
     * A blob store on the data source, whose database must already have the crmkit schema at
     * version 4 or later ({@link CrmSchema#migrate}). Connects to nothing until used.
     */
    public static JdbcBlobStore on(DataSource dataSource) {
        return new JdbcBlobStore(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public long put(TenantId tenant, String key, InputStream content) throws IOException {
        Objects.requireNonNull(tenant, "tenant");
        BlobStore.checkKey(key);
        Objects.requireNonNull(content, "content");
        return tables.put(tenant.value(), key, content);
    }

    @Override
    public Optional<InputStream> open(TenantId tenant, String key) throws IOException {
        Objects.requireNonNull(tenant, "tenant");
        BlobStore.checkKey(key);
        return tables.open(tenant.value(), key);
    }

    @Override
    public boolean delete(TenantId tenant, String key) throws IOException {
        Objects.requireNonNull(tenant, "tenant");
        BlobStore.checkKey(key);
        return tables.delete(tenant.value(), key);
    }
}
