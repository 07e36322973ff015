package dev.crmkit.bench.importing;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * The PostgreSQL floor for getting a file's customers in: the rows cleaned beforehand, encoded
 * beforehand as COPY text, then streamed with {@code COPY ... FROM STDIN} on one connection. Only
 * the COPY (and its commit) is timed; the table's indexes are maintained as the rows arrive.
 */
final class CopyBaseline {

    /** The size of the pieces the payload is kept and sent in. */
    private static final int PIECE = 1 << 20;

    /** The COPY text of a run's rows, ids 1 to n, in pieces of about a megabyte. */
    record Payload(List<byte[]> pieces, long rows, long bytes) {
    }

    /** A copy of {@code crm_customer} with its columns and defaults and no index, for reference. */
    static final String UNINDEXED = "crm_bench_unindexed";

    private CopyBaseline() {
    }

    /** Encodes the rows (not timed). */
    static Payload encode(List<CleanRow> rows, CustomerColumns.Run run) {
        List<byte[]> pieces = new ArrayList<>();
        StringBuilder sb = new StringBuilder(PIECE + 4096);
        long bytes = 0;
        long id = 0;
        for (CleanRow row : rows) {
            CustomerColumns.appendCopyText(sb, row, ++id, run);
            if (sb.length() >= PIECE) {
                byte[] piece = sb.toString().getBytes(StandardCharsets.UTF_8);
                pieces.add(piece);
                bytes += piece.length;
                sb.setLength(0);
            }
        }
        if (sb.length() > 0) {
            byte[] piece = sb.toString().getBytes(StandardCharsets.UTF_8);
            pieces.add(piece);
            bytes += piece.length;
        }
        return new Payload(List.copyOf(pieces), rows.size(), bytes);
    }

    /**
     * Copies the payload into a table with the columns of {@link CustomerColumns#POSTGRESQL}; the timed part.
     *
     * @return the seconds the COPY took, commit included
     */
    static double copy(DataSource ds, String table, Payload payload) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            CopyManager copies = c.unwrap(PGConnection.class).getCopyAPI();
            String sql = "COPY " + table + " (" + CustomerColumns.names(true) + ") FROM STDIN";
            long t0 = System.nanoTime();
            CopyIn in = copies.copyIn(sql);
            try {
                for (byte[] piece : payload.pieces()) {
                    in.writeToCopy(piece, 0, piece.length);
                }
                long copied = in.endCopy();
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (copied != payload.rows()) {
                    throw new IllegalStateException("COPY stored " + copied + " rows of " + payload.rows());
                }
                return seconds;
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        }
    }

    /** Creates (anew) the copy of {@code crm_customer} without indexes. */
    static void createUnindexed(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("DROP TABLE IF EXISTS " + UNINDEXED);
            s.execute("CREATE TABLE " + UNINDEXED + " (LIKE " + CustomerColumns.TABLE + " INCLUDING DEFAULTS)");
        }
    }

    static void dropUnindexed(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("DROP TABLE IF EXISTS " + UNINDEXED);
        }
    }
}
