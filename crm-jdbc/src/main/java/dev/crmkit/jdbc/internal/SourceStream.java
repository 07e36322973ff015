package dev.crmkit.jdbc.internal;

import dev.crmkit.core.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A job's stored source, read part by part, each part with a connection of its own: the stream
 * outlives the unit of work that opened it (an import reads it for minutes) and never holds more
 * than one part in memory. A failure of the database is an {@link IOException} whose cause is the
 * {@link StorageException} describing it.
 */
final class SourceStream extends InputStream {

    private final Database db;
    private final String tenant;
    private final long jobId;
    private int nextPart;
    private byte[] part = new byte[0];
    private int pos;
    private boolean last;

    SourceStream(Database db, String tenant, long jobId) {
        this.db = db;
        this.tenant = tenant;
        this.jobId = jobId;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return part[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, part.length - pos);
        System.arraycopy(part, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean fill() throws IOException {
        while (pos == part.length) {
            if (last) {
                return false;
            }
            part = load(nextPart++);
            pos = 0;
            if (part == null) {
                part = new byte[0];
                last = true;
                return false;
            }
            last = part.length < JdbcImportJobs.SOURCE_PART_BYTES;
        }
        return true;
    }

    private byte[] load(int number) throws IOException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT bytes FROM crm_import_source WHERE job_id = ? AND tenant = ? AND part = ?")) {
            ps.setLong(1, jobId);
            ps.setString(2, tenant);
            ps.setInt(3, number);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        } catch (SQLException e) {
            // The stream's contract allows only an IOException; the storage failure inside tells
            // its reader that the store failed (and whether it may pass), not the file.
            StorageException failure = SqlErrors.storageFailure("reading part " + number + " of the source of job "
                    + jobId, e);
            throw new IOException(failure.getMessage(), failure);
        }
    }
}
