package dev.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.TenantId;
import dev.crmkit.core.blob.BlobStore;
import dev.crmkit.testkit.BlobStoreContract;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JdbcBlobStore} on a real database: the contract every blob store passes, and what the
 * database one promises beyond: parts of 1 MiB, parts
 * fetched one at a time as they are read, a reader that fails rather than mix two blobs, and
 * connections given back as they came.
 */
abstract class JdbcBlobStoreChecks extends BlobStoreContract {

    static final int MIB = 1 << 20;
    static final TenantId ACME = TenantId.of("acme");
    static final TenantId GLOBEX = TenantId.of("globex");

    /** The shared, migrated database of the test's kind. */
    protected abstract DataSource dataSource();

    @Override
    protected BlobStore newBlobStore() {
        TestDatabases.empty(dataSource());
        return JdbcBlobStore.on(dataSource());
    }

    // ---- what the database store promises beyond

    @Test
    void theStorageHandsOutABlobStoreOnItsOwnDatabase() throws IOException {
        JdbcStorage storage = JdbcStorage.builder(dataSource()).migrate(false).build();
        BlobStore blobs = storage.defaultBlobStore().orElseThrow();
        assertThat(blobs).isInstanceOf(JdbcBlobStore.class);
        assertThat(storage.defaultBlobStore()).containsSame(blobs);

        blobs.put(ACME, "via-storage", new ByteArrayInputStream(new byte[] {42}));
        try (InputStream in = open("via-storage")) {
            assertThat(in.readAllBytes()).containsExactly(42);
        }
    }

    @Test
    void partsAreFetchedOneAtATimeAsTheReaderReachesThem() throws IOException {
        store.put(ACME, "k", new ByteArrayInputStream(random(2 * MIB + 1, 12)));
        WatchedDataSource watched = new WatchedDataSource(dataSource());
        JdbcBlobStore reading = JdbcBlobStore.on(watched);

        try (InputStream in = reading.open(ACME, "k").orElseThrow()) {
            assertThat(watched.borrowed()).as("only the blob's row is read on opening").isOne();
            assertThat(watched.outstanding()).isZero();

            assertThat(in.read()).isNotNegative();
            assertThat(watched.borrowed()).isEqualTo(2);
            assertThat(in.readNBytes(MIB - 1)).hasSize(MIB - 1);
            assertThat(watched.borrowed()).as("still the first part").isEqualTo(2);
            assertThat(in.read()).isNotNegative();
            assertThat(watched.borrowed()).isEqualTo(3);
            assertThat(watched.outstanding()).as("no connection is held between reads").isZero();

            assertThat(in.readAllBytes()).hasSize(MIB);
            assertThat(watched.borrowed()).isEqualTo(4);
        }
        assertThat(watched.outstanding()).isZero();
    }

    @Test
    void aBlobDeletedWhileBeingReadFailsTheReaderWithAClearMessage() throws IOException {
        store.put(ACME, "k", new ByteArrayInputStream(random(3 * MIB, 13)));

        try (InputStream in = open("k")) {
            assertThat(in.readNBytes(MIB + 10)).hasSize(MIB + 10);
            store.delete(ACME, "k");

            assertThat(in.readNBytes(MIB - 10)).as("the part already fetched").hasSize(MIB - 10);
            assertThatThrownBy(in::read).isInstanceOf(IOException.class)
                    .hasMessageContaining("blob k of tenant acme was deleted or replaced while it was being read")
                    .hasMessageContaining("part 2 of 3");
        }
    }

    @Test
    void aBlobReplacedWhileBeingReadFailsTheReaderRatherThanMixTwoBlobs() throws IOException {
        store.put(ACME, "k", new ByteArrayInputStream(random(2 * MIB, 14)));

        try (InputStream in = open("k")) {
            assertThat(in.read()).isNotNegative();
            // The same size, parts and, with a clock standing still, maybe the same time: still noticed.
            store.put(ACME, "k", new ByteArrayInputStream(random(2 * MIB, 15)));

            in.skipNBytes(MIB - 1);
            assertThatThrownBy(in::read).isInstanceOf(IOException.class)
                    .hasMessageContaining("deleted or replaced while it was being read");
        }
    }

    @Test
    void aClosedStreamCannotBeRead() throws IOException {
        store.put(ACME, "k", new ByteArrayInputStream(new byte[] {1, 2}));
        InputStream in = open("k");
        in.close();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void connectionsGoBackAsTheyCameWhetherAPutSucceedsOrFails() throws IOException {
        WatchedDataSource watched = new WatchedDataSource(dataSource());
        JdbcBlobStore blobs = JdbcBlobStore.on(watched);

        blobs.put(ACME, "k", new ByteArrayInputStream(random(MIB + 1, 16)));
        IOException broken = new IOException("cut off");
        assertThatThrownBy(() -> blobs.put(ACME, "k", failingAfter(random(MIB * 2, 17), MIB + 5, broken)))
                .isSameAs(broken);
        try (InputStream in = blobs.open(ACME, "k").orElseThrow()) {
            assertThat(in.readAllBytes()).hasSize(MIB + 1);
        }
        assertThat(blobs.delete(ACME, "k")).isTrue();

        assertThat(watched.outstanding()).isZero();
        assertThat(watched.autoCommitOnReturn()).as("auto-commit restored every time").isNotEmpty().containsOnly(true);
        assertThat(watched.isolationOnReturn()).containsOnly(watched.isolationOnLoan().get(0));
    }

    @Test
    void aHostWhoseConnectionsDoNotAutoCommitStillGetsItsBlobStoredAndItsConnectionsUnchanged() throws IOException {
        WatchedDataSource watched = new WatchedDataSource(dataSource());
        watched.handOutWithoutAutoCommit = true;
        JdbcBlobStore blobs = JdbcBlobStore.on(watched);

        blobs.put(ACME, "k", new ByteArrayInputStream(random(10, 18)));

        assertThat(watched.autoCommitOnReturn()).containsOnly(false);
        try (InputStream in = open("k")) {
            assertThat(in.readAllBytes()).as("committed, seen by other connections").hasSize(10);
        }
        assertThat(blobs.delete(ACME, "k")).isTrue();
        assertThat(store.open(ACME, "k")).isEmpty();
    }

    // ---- helpers

    private InputStream open(String key) throws IOException {
        return store.open(ACME, key).orElseThrow(() -> new AssertionError("no blob " + key));
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The bytes up to {@code failAt}, then the exception (an IOException or a RuntimeException). */
    static InputStream failingAfter(byte[] bytes, int failAt, Exception failure) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= failAt) {
                    if (failure instanceof IOException io) {
                        throw io;
                    }
                    throw (RuntimeException) failure;
                }
                int n = Math.min(len, Math.min(failAt, bytes.length) - pos);
                System.arraycopy(bytes, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    private long parts(String tenant, String key) {
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM crm_blob_part WHERE tenant = ? AND blob_key = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A data source that counts the connections it lends and notes, as each comes back, whether it
     * auto-commits and its isolation level.
     */
    static final class WatchedDataSource implements DataSource {
        private final DataSource target;
        private final AtomicInteger borrowed = new AtomicInteger();
        private final AtomicInteger outstanding = new AtomicInteger();
        private final List<Boolean> autoCommitOnReturn = new ArrayList<>();
        private final List<Integer> isolationOnLoan = new ArrayList<>();
        private final List<Integer> isolationOnReturn = new ArrayList<>();
        boolean handOutWithoutAutoCommit;

        WatchedDataSource(DataSource target) {
            this.target = target;
        }

        int borrowed() {
            return borrowed.get();
        }

        int outstanding() {
            return outstanding.get();
        }

        synchronized List<Boolean> autoCommitOnReturn() {
            return List.copyOf(autoCommitOnReturn);
        }

        synchronized List<Integer> isolationOnLoan() {
            return List.copyOf(isolationOnLoan);
        }

        synchronized List<Integer> isolationOnReturn() {
            return List.copyOf(isolationOnReturn);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection real = target.getConnection();
            if (handOutWithoutAutoCommit) {
                real.setAutoCommit(false);
            }
            synchronized (this) {
                isolationOnLoan.add(real.getTransactionIsolation());
            }
            borrowed.incrementAndGet();
            outstanding.incrementAndGet();
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close") && !real.isClosed()) {
                            synchronized (this) {
                                autoCommitOnReturn.add(real.getAutoCommit());
                                isolationOnReturn.add(real.getTransactionIsolation());
                            }
                            if (!real.getAutoCommit()) {
                                real.rollback(); // as a pool would; the host's setting itself stays
                                real.setAutoCommit(true);
                            }
                            outstanding.decrementAndGet();
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
