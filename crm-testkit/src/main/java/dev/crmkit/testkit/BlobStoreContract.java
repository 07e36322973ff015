package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.TenantId;
import dev.crmkit.core.blob.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BlobStore} must do: round trips of any size (checked by digest, never by
 * holding both copies), atomic replacement, nothing left by a failed put, tenants apart, and keys
 * checked. An implementation runs it by extending it and implementing {@link #newBlobStore()}.
 */
@DisplayName("Blob store")
public abstract class BlobStoreContract {

    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    /** Larger than any part or buffer size an implementation is likely to use (1 MiB and 64 KiB). */
    private static final int LARGE = 3 * 1024 * 1024 + 17;

    protected BlobStore store;

    /** A new, empty store; called before every test. */
    protected abstract BlobStore newBlobStore() throws IOException;

    @BeforeEach
    void setUpStore() throws IOException {
        store = newBlobStore();
    }

    /** Bytes from a seeded generator, produced as read: never a whole array. */
    protected static InputStream generated(long size, long seed) {
        return new InputStream() {
            private final Random random = new Random(seed);
            private long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                byte[] chunk = new byte[n];
                random.nextBytes(chunk);
                System.arraycopy(chunk, 0, b, off, n);
                left -= n;
                return n;
            }
        };
    }

    /** The SHA-256 of a stream read to its end, closed after. */
    protected static String sha256(InputStream in) throws IOException {
        try (in) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private String read(TenantId tenant, String key) throws IOException {
        Optional<InputStream> in = store.open(tenant, key);
        assertThat(in).as("blob %s of %s", key, tenant).isPresent();
        try (InputStream s = in.get()) {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aSmallBlobRoundTripsAndReportsItsSize() throws IOException {
        assertThat(store.put(ACME, "k1", text("Ayşe'nin dekontu"))).isEqualTo("Ayşe'nin dekontu".getBytes(StandardCharsets.UTF_8).length);

        assertThat(read(ACME, "k1")).isEqualTo("Ayşe'nin dekontu");
    }

    @Test
    void aLargeBlobRoundTripsByteForByte() throws IOException {
        assertThat(store.put(ACME, "large", generated(LARGE, 42))).isEqualTo(LARGE);

        assertThat(sha256(store.open(ACME, "large").orElseThrow())).isEqualTo(sha256(generated(LARGE, 42)));
    }

    @Test
    void sizesAroundOneMebibyteRoundTrip() throws IOException {
        for (int size : new int[] {1024 * 1024 - 1, 1024 * 1024, 1024 * 1024 + 1, 2 * 1024 * 1024}) {
            String key = "size-" + size;
            assertThat(store.put(ACME, key, generated(size, size))).isEqualTo(size);
            assertThat(sha256(store.open(ACME, key).orElseThrow())).as("%s bytes", size)
                    .isEqualTo(sha256(generated(size, size)));
        }
    }

    @Test
    void anEmptyBlobIsStoredAsEmpty() throws IOException {
        assertThat(store.put(ACME, "empty", InputStream.nullInputStream())).isZero();

        assertThat(read(ACME, "empty")).isEmpty();
    }

    @Test
    void aMissingKeyOpensAsEmptyAndDeletesAsFalse() throws IOException {
        assertThat(store.open(ACME, "missing")).isEmpty();
        assertThat(store.delete(ACME, "missing")).isFalse();
    }

    @Test
    void putReplacesWhatTheKeyHeld() throws IOException {
        store.put(ACME, "k", generated(LARGE, 1));
        store.put(ACME, "k", text("kısa"));

        assertThat(read(ACME, "k")).isEqualTo("kısa");
    }

    @Test
    void deleteRemovesTheBlob() throws IOException {
        store.put(ACME, "k", text("silinecek"));
        store.put(ACME, "other", text("kalacak"));

        assertThat(store.delete(ACME, "k")).isTrue();

        assertThat(store.open(ACME, "k")).isEmpty();
        assertThat(store.delete(ACME, "k")).isFalse();
        assertThat(read(ACME, "other")).isEqualTo("kalacak");
    }

    @Test
    void aContentThatFailsHalfwayLeavesNothingNew() throws IOException {
        store.put(ACME, "kept", text("önceki"));
        InputStream failing = new java.io.SequenceInputStream(generated(LARGE, 7), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset by the uploader");
            }
        });

        assertThatThrownBy(() -> store.put(ACME, "kept", failing)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.put(ACME, "new", new java.io.SequenceInputStream(generated(LARGE, 8),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("gone");
                    }
                }))).isInstanceOf(IOException.class);

        assertThat(read(ACME, "kept")).isEqualTo("önceki");
        assertThat(store.open(ACME, "new")).isEmpty();
    }

    @Test
    void theSameKeyInTwoTenantsNamesTwoBlobs() throws IOException {
        store.put(ACME, "shared", text("acme"));
        store.put(GLOBEX, "shared", text("globex"));

        assertThat(read(ACME, "shared")).isEqualTo("acme");
        assertThat(read(GLOBEX, "shared")).isEqualTo("globex");
        assertThat(store.delete(GLOBEX, "shared")).isTrue();
        assertThat(read(ACME, "shared")).isEqualTo("acme");
        assertThat(store.open(GLOBEX, "acme-only")).isEmpty();
    }

    @Test
    void keysThatCouldEscapeOrAreMalformedAreRefused() {
        for (String bad : new String[] {"", "..", ".hidden", "../etc/passwd", "a/b", "a\\b", "k y", "ş", "x".repeat(129)}) {
            assertThatThrownBy(() -> store.put(ACME, bad, text("x"))).as("key '%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.open(ACME, bad)).as("key '%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.delete(ACME, bad)).as("key '%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aBlobCanBeReadWhileAnotherIsWritten() throws Exception {
        store.put(ACME, "a", generated(LARGE, 3));
        try (InputStream reading = store.open(ACME, "a").orElseThrow()) {
            byte[] first = reading.readNBytes(1000);
            store.put(ACME, "b", generated(LARGE, 4));
            assertThat(first).hasSize(1000);
        }
        assertThat(sha256(store.open(ACME, "b").orElseThrow())).isEqualTo(sha256(generated(LARGE, 4)));
    }
}
