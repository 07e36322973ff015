package dev.crmkit.core.blob;

import dev.crmkit.core.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Bytes by tenant and key, streamed in and out: no implementation may need a whole blob in memory
 * (except the in-memory one). The library chooses the keys (random, never reused) and keeps what
 * they belong to in its storage; a blob store knows nothing else. Implementations must be
 * thread-safe, and must keep tenants apart: the same key in two tenants names two blobs.
 *
 * <p>{@code crm-testkit}'s {@code BlobStoreContract} is the suite an implementation must pass.
 */
public interface BlobStore {

    /** What keys look like: 1 to 128 of {@code A-Z a-z 0-9 . _ -}, not starting with a dot. */
    Pattern KEY = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    /**
     * Stores everything {@code content} yields under the key, replacing what the key held. Atomic:
     * if it throws (the content's own exception included, which it lets through), the key holds what
     * it held before, and no partial blob is left behind.
     *
     * @return the number of bytes stored
     * @throws IllegalArgumentException for a key not matching {@link #KEY}
     * @throws IOException if reading the content or storing fails
     */
    long put(TenantId tenant, String key, InputStream content) throws IOException;

    /**
     * Opens the blob for reading; the caller closes the stream. A blob deleted or replaced while
     * it is read may fail the reader with an {@link IOException}, but never yields a mix of two
     * blobs' bytes.
     *
     * @return the bytes as stored, or empty if the key holds nothing
     */
    Optional<InputStream> open(TenantId tenant, String key) throws IOException;

    /** Removes the blob; returns whether there was one. */
    boolean delete(TenantId tenant, String key) throws IOException;

    /** Checks a key against {@link #KEY}; for implementations. */
    static String checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("a blob key is 1 to 128 of A-Z, a-z, 0-9, '.', '_' and '-', "
                    + "not starting with '.': " + key);
        }
        return key;
    }
}
