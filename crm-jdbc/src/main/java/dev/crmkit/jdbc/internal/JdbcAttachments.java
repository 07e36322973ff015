package dev.crmkit.jdbc.internal;

import dev.crmkit.core.attachment.Attachment;
import dev.crmkit.core.spi.AttachmentStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What is known of a tenant's attachments; their bytes are in a blob store. Bytes kept in this
 * database's own blob tables ({@link BlobTables}) are removed with their records, in the same
 * unit of work; core then asks the blob store to delete them again, which finds nothing.
 */
final class JdbcAttachments implements AttachmentStore {

    private static final String COLUMNS =
            "id, customer_id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at";

    private final JdbcSession s;

    JdbcAttachments(JdbcSession s) {
        this.s = s;
    }

    @Override
    public long append(Attachment a, String blobKey) {
        s.checkWritable();
        return s.sql("storing an attachment", c -> {
            long id = s.dialect().nextIds(c, "crm_attachment_seq", 1)[0];
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_attachment (" + COLUMNS
                    + ", blob_key, tenant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setLong(2, a.customerId());
                ps.setString(3, a.fileName());
                ps.setString(4, a.contentType());
                ps.setLong(5, a.size());
                ps.setString(6, a.sha256());
                ps.setString(7, a.uploadedBy());
                cols().setInstant(ps, 8, a.uploadedAt());
                ps.setString(9, blobKey);
                ps.setString(10, s.tenantValue());
                ps.executeUpdate();
            }
            return id;
        });
    }

    private Attachment read(ResultSet rs) throws SQLException {
        return new Attachment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getString(7), cols().instant(rs, 8));
    }

    @Override
    public Optional<Attachment> find(long id) {
        s.checkOpen();
        return s.first("reading an attachment",
                "SELECT " + COLUMNS + " FROM crm_attachment WHERE tenant = ? AND id = ?", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setLong(2, id);
                }, this::read);
    }

    @Override
    public Optional<String> blobKey(long id) {
        s.checkOpen();
        return s.first("reading where an attachment's bytes are",
                "SELECT blob_key FROM crm_attachment WHERE tenant = ? AND id = ?", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setLong(2, id);
                }, rs -> rs.getString(1));
    }

    @Override
    public List<Attachment> list(long customerId) {
        s.checkOpen();
        return s.list("listing a customer's attachments", "SELECT " + COLUMNS + " FROM crm_attachment"
                + " WHERE tenant = ? AND customer_id = ? ORDER BY id DESC", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setLong(2, customerId);
                }, this::read);
    }

    /** Removes the record and, if they are in this database's blob tables, its bytes. */
    @Override
    public boolean delete(long id) {
        s.checkWritable();
        return s.sql("removing an attachment", c -> {
            BlobTables.deleteOfAttachments(c, s.tenantValue(), "id", id);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM crm_attachment WHERE tenant = ? AND id = ?")) {
                ps.setString(1, s.tenantValue());
                ps.setLong(2, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<String> deleteByCustomer(long customerId) {
        s.checkWritable();
        // Read and removed in one writing unit of work: no other writer of the tenant runs meanwhile.
        List<String> keys = s.list("listing a customer's attachments", "SELECT blob_key FROM crm_attachment"
                + " WHERE tenant = ? AND customer_id = ? ORDER BY id", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setLong(2, customerId);
                }, rs -> rs.getString(1));
        if (!keys.isEmpty()) {
            s.sql("removing a customer's attachments", c -> {
                BlobTables.deleteOfAttachments(c, s.tenantValue(), "customer_id", customerId);
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM crm_attachment WHERE tenant = ? AND customer_id = ?")) {
                    ps.setString(1, s.tenantValue());
                    ps.setLong(2, customerId);
                    return ps.executeUpdate();
                }
            });
        }
        return keys;
    }

    private Columns cols() {
        return s.columns();
    }
}
