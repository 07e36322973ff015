package dev.crmkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.attachment.Attachment;
import dev.crmkit.core.attachment.AttachmentDownload;
import dev.crmkit.core.attachment.NewAttachment;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.NewCustomer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * A separate JVM, started with a small heap, that uploads a large attachment through the services
 * into a database and downloads it again, as a host's process would: the content is generated as
 * it is read and hashed as it is downloaded, so no copy of it is ever held here. It prints what it
 * did, a line each, and exits with 0 only if the bytes came back whole.
 *
 * <p>Arguments: JDBC URL, user, password, size in bytes, seed of the content.
 */
public final class AttachmentProcess {

    private AttachmentProcess() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long size = Long.parseLong(args[3]);
        long seed = Long.parseLong(args[4]);
        System.out.println("maxMemory=" + Runtime.getRuntime().maxMemory());
        String expected = sha256(new SeededBytes(seed, size));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(args[1]);
        config.setPassword(args[2]);
        config.setMaximumPoolSize(4);
        boolean whole;
        try (HikariDataSource ds = new HikariDataSource(config)) {
            Crm crm = Crm.builder(JdbcStorage.builder(ds).build()).build();
            Actor admin = new Actor("boss", TenantId.of("acme"), true, Set.of("managers"));
            Customer customer = crm.customers().create(admin,
                    NewCustomer.builder("Ayşe Yılmaz", "+905321110001").build());

            long start = System.nanoTime();
            Attachment stored = crm.attachments().upload(admin, customer.id(),
                    NewAttachment.of("arsiv.bin", "application/octet-stream"), new SeededBytes(seed, size));
            System.out.println("uploaded id=" + stored.id() + " size=" + stored.size() + " sha256=" + stored.sha256()
                    + " millis=" + (System.nanoTime() - start) / 1_000_000);

            start = System.nanoTime();
            String downloaded;
            long downloadedSize;
            try (AttachmentDownload download = crm.attachments().download(admin, stored.id())) {
                Counted counted = new Counted(download.content());
                downloaded = sha256(counted);
                downloadedSize = counted.count;
            }
            System.out.println("downloaded size=" + downloadedSize + " sha256=" + downloaded
                    + " millis=" + (System.nanoTime() - start) / 1_000_000);
            whole = stored.size() == size && downloadedSize == size && expected.equals(stored.sha256())
                    && expected.equals(downloaded);
        }
        // Each heap pool's peak, for the reader of the test's output (peaks of different moments: not a sum).
        StringBuilder peaks = new StringBuilder("peakHeapPools=");
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peaks.append(pool.getName().replace(' ', '_')).append(':')
                        .append(pool.getPeakUsage().getUsed() / (1024 * 1024)).append("MiB,");
            }
        }
        System.out.println(peaks);
        System.out.println(whole ? "ok" : "mismatch expected sha256=" + expected + " size=" + size);
        System.out.flush();
        System.exit(whole ? 0 : 1);
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Counts the bytes read through it. */
    private static final class Counted extends java.io.FilterInputStream {
        long count;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** {@code size} pseudo-random bytes from a seed, made as they are read (SplitMix64), the same for a seed. */
    static final class SeededBytes extends InputStream {
        private final long size;
        private long state;
        private long position;
        private long word;

        SeededBytes(long seed, long size) {
            this.state = seed;
            this.size = size;
        }

        @Override
        public int read() {
            if (position == size) {
                return -1;
            }
            return next() & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (position == size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) next();
            }
            return n;
        }

        private int next() {
            if ((position & 7) == 0) {
                state += 0x9E3779B97F4A7C15L;
                long z = state;
                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                word = z ^ (z >>> 31);
            }
            int value = (int) (word >>> ((position & 7) * 8));
            position++;
            return value;
        }
    }
}
