package dev.crmkit.inmemory;

import dev.crmkit.core.TenantId;
import dev.crmkit.core.blob.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Blobs in memory, for tests and demos: unlike the other implementations it holds every blob whole
 * in the heap. Thread-safe. {@link InMemoryStorage} has one of its own as its default.
 */
public final class InMemoryBlobStore implements BlobStore {

    private record Key(TenantId tenant, String key) {
    }

    private final ConcurrentMap<Key, byte[]> blobs = new ConcurrentHashMap<>();

    @Override
    public long put(TenantId tenant, String key, InputStream content) throws IOException {
        Key k = key(tenant, key);
        Objects.requireNonNull(content, "content");
        // Read completely before storing, so a failing stream leaves what was there.
        byte[] bytes = content.readAllBytes();
        blobs.put(k, bytes);
        return bytes.length;
    }

    @Override
    public Optional<InputStream> open(TenantId tenant, String key) {
        byte[] bytes = blobs.get(key(tenant, key));
        return bytes == null ? Optional.empty() : Optional.of(new ByteArrayInputStream(bytes));
    }

    @Override
    public boolean delete(TenantId tenant, String key) {
        return blobs.remove(key(tenant, key)) != null;
    }

    /** How many blobs it holds, in all tenants. */
    public int size() {
        return blobs.size();
    }

    private static Key key(TenantId tenant, String key) {
        Objects.requireNonNull(tenant, "tenant");
        return new Key(tenant, BlobStore.checkKey(key));
    }
}
