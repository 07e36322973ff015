package dev.crmkit.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * A stored blob, read part by part, each part fetched when the reader reaches it with a
 * connection of its own: the stream may outlive any transaction (a download to a slow client),
 * holds no connection between reads, and never more than one part in memory.
 */
final class BlobStream extends InputStream {

    private static final byte[] NONE = new byte[0];

    private final BlobTables tables;
    private final String tenant;
    private final String key;
    private final BlobTables.Stored blob;
    private int nextPart;
    private long delivered;
    private byte[] part = NONE;
    private int pos;
    private boolean closed;

    BlobStream(BlobTables tables, String tenant, String key, BlobTables.Stored blob) {
        this.tables = tables;
        this.tenant = tenant;
        this.key = key;
        this.blob = blob;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        delivered++;
        return part[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            ensureOpen();
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, part.length - pos);
        System.arraycopy(part, pos, b, off, n);
        pos += n;
        delivered += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        ensureOpen();
        return part.length - pos;
    }

    @Override
    public void close() {
        closed = true;
        part = NONE;
        pos = 0;
    }

    /** Makes sure there is an unread byte in the current part; false at the end of the blob. */
    private boolean fill() throws IOException {
        ensureOpen();
        while (pos == part.length) {
            if (nextPart == blob.parts()) {
                return false;
            }
            int number = nextPart;
            byte[] bytes = tables.part(tenant, key, blob, number).orElseThrow(() -> new IOException("blob " + key
                    + " of tenant " + tenant + " was deleted or replaced while it was being read: its part " + number
                    + " of " + blob.parts() + " is gone (" + (blob.size() - delivered) + " of its " + blob.size()
                    + " bytes were not read)"));
            // Every part but the last is full; the parts add up to the size recorded with the blob.
            long expected = Math.min(BlobTables.PART_BYTES, blob.size() - (long) number * BlobTables.PART_BYTES);
            if (bytes.length != expected) {
                throw new IOException("part " + number + " of blob " + key + " of tenant " + tenant + " holds "
                        + bytes.length + " bytes instead of " + expected + ": the stored blob is damaged");
            }
            part = bytes;
            pos = 0;
            nextPart++;
        }
        return true;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the stream of blob " + key + " of tenant " + tenant + " is closed");
        }
    }
}
