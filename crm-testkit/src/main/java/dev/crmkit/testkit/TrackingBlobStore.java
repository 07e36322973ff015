package dev.crmkit.testkit;

import dev.crmkit.core.TenantId;
import dev.crmkit.core.blob.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A blob store in front of an adapter's own that remembers which keys it stored and not yet
 * deleted, so a test can ask the real store whether those (and only those) hold bytes.
 * Thread-safe.
 */
public final class TrackingBlobStore implements BlobStore {

    private record Key(TenantId tenant, String key) {
    }

    private final BlobStore delegate;
    private final Set<Key> written = new HashSet<>();

    public TrackingBlobStore(BlobStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public long put(TenantId tenant, String key, InputStream content) throws IOException {
        synchronized (this) {
            written.add(new Key(tenant, key));
        }
        return delegate.put(tenant, key, content);
    }

    @Override
    public Optional<InputStream> open(TenantId tenant, String key) throws IOException {
        return delegate.open(tenant, key);
    }

    @Override
    public boolean delete(TenantId tenant, String key) throws IOException {
        return delegate.delete(tenant, key);
    }

    /** The keys of the tenant that hold bytes in the real store, among every key ever written. */
    public Set<String> stored(TenantId tenant) throws IOException {
        Set<Key> keys;
        synchronized (this) {
            keys = Set.copyOf(written);
        }
        Set<String> out = new TreeSet<>();
        for (Key k : keys) {
            if (k.tenant().equals(tenant)) {
                Optional<InputStream> in = delegate.open(tenant, k.key());
                if (in.isPresent()) {
                    in.get().close();
                    out.add(k.key());
                }
            }
        }
        return out;
    }
}
