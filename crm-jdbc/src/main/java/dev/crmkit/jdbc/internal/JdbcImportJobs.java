package dev.crmkit.jdbc.internal;

import dev.crmkit.core.importjob.ImportMode;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.StorageException;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.importjob.OnDuplicate;
import dev.crmkit.core.importjob.RejectedRow;
import dev.crmkit.core.spi.ImportChange;
import dev.crmkit.core.spi.ImportJobStore;
import java.io.IOException;
import java.io.InputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Import jobs of one tenant with their rejected rows, changes and source bytes. */
final class JdbcImportJobs implements ImportJobStore {

    static final String COLUMNS = "id, status, version, file_name, submitter, dry_run, on_duplicate, atomic, policies,"
            + " settings, source_bytes, source_checksum, source_path, rows_read, created, updated, skipped, rejected,"
            + " next_row, bytes_read, encoding, delimiter, headers, warnings, fatal_code, fatal_message, submitted_at,"
            + " started_at, finished_at, lease_owner, lease_until, undone, checked";

    /** The source is stored in parts of this many bytes, so neither side holds it whole. */
    static final int SOURCE_PART_BYTES = 1 << 20;

    private final JdbcSession s;

    JdbcImportJobs(JdbcSession s) {
        this.s = s;
    }

    @Override
    public long insert(ImportJob job) {
        s.checkWritable();
        return s.sql("storing an import job", c -> {
            long id = s.dialect().nextIds(c, "crm_import_job_seq", 1)[0];
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_import_job (" + COLUMNS + ", tenant)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?)")) {
                ps.setLong(1, id);
                int i = bind(ps, job, 2);
                ps.setString(i, s.tenantValue());
                ps.executeUpdate();
            }
            return id;
        });
    }

    /** Binds every column of {@link #COLUMNS} but the id, from {@code i} on; returns the next index. */
    private int bind(PreparedStatement ps, ImportJob j, int i) throws SQLException {
        ps.setString(i++, j.status().name());
        ps.setLong(i++, j.version());
        ps.setString(i++, j.fileName());
        ps.setString(i++, Json.actor(j.submitter()));
        ps.setBoolean(i++, j.dryRun());
        ps.setString(i++, j.onDuplicate().name());
        ps.setBoolean(i++, j.mode() == ImportMode.ATOMIC);
        ps.setString(i++, Json.policies(j.policies()));
        ps.setString(i++, Json.stringMap(j.settings()));
        ps.setLong(i++, j.sourceBytes());
        Columns.setString(ps, i++, j.sourceChecksum());
        Columns.setString(ps, i++, j.sourcePath());
        ps.setLong(i++, j.rows());
        ps.setLong(i++, j.created());
        ps.setLong(i++, j.updated());
        ps.setLong(i++, j.skipped());
        ps.setLong(i++, j.rejected());
        ps.setLong(i++, j.nextRow());
        ps.setLong(i++, j.bytesRead());
        Columns.setString(ps, i++, j.encoding());
        Columns.setString(ps, i++, j.delimiter() == null ? null : j.delimiter().toString());
        ps.setString(i++, Json.strings(j.headers()));
        ps.setString(i++, Json.warnings(j.warnings()));
        Columns.setString(ps, i++, j.fatalCode() == null ? null : j.fatalCode().name());
        Columns.setString(ps, i++, j.fatalMessage());
        cols().setInstant(ps, i++, j.submittedAt());
        cols().setInstant(ps, i++, j.startedAt());
        cols().setInstant(ps, i++, j.finishedAt());
        Columns.setString(ps, i++, j.leaseOwner());
        cols().setInstant(ps, i++, j.leaseUntil());
        ps.setBoolean(i++, j.undone());
        ps.setBoolean(i++, j.checked());
        return i;
    }

    private ImportJob read(ResultSet rs) throws SQLException {
        String delimiter = rs.getString(22);
        String fatal = rs.getString(25);
        return new ImportJob(rs.getLong(1), JobStatus.valueOf(rs.getString(2)), rs.getString(4),
                Json.actor(rs.getString(5), s.tenant()), rs.getBoolean(6), OnDuplicate.valueOf(rs.getString(7)),
                rs.getBoolean(8) ? ImportMode.ATOMIC : ImportMode.PARTIAL, Json.policies(rs.getString(9)), Json.stringMap(rs.getString(10)), rs.getLong(11),
                rs.getString(12), rs.getString(13), rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getLong(17),
                rs.getLong(18), rs.getLong(19), rs.getLong(20), rs.getString(21),
                delimiter == null ? null : delimiter.charAt(0), Json.strings(rs.getString(23)),
                Json.warnings(rs.getString(24)), fatal == null ? null : ErrorCode.valueOf(fatal), rs.getString(26),
                cols().instant(rs, 27), cols().instant(rs, 28), cols().instant(rs, 29), rs.getString(30),
                cols().instant(rs, 31), rs.getBoolean(32), rs.getBoolean(33), rs.getLong(3));
    }

    @Override
    public Optional<ImportJob> find(long id) {
        s.checkOpen();
        return s.first("reading an import job", "SELECT " + COLUMNS + " FROM crm_import_job WHERE id = ? AND tenant = ?",
                ps -> {
                    ps.setLong(1, id);
                    ps.setString(2, s.tenantValue());
                }, this::read);
    }

    @Override
    public List<ImportJob> list(int limit) {
        s.checkOpen();
        return s.list("listing import jobs", "SELECT " + COLUMNS
                + " FROM crm_import_job WHERE tenant = ? ORDER BY id DESC LIMIT ?", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setInt(2, limit);
                }, this::read);
    }

    @Override
    public boolean update(ImportJob job, long expectedVersion) {
        s.checkWritable();
        return s.sql("updating an import job", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE crm_import_job SET status = ?, version = ?,"
                    + " file_name = ?, submitter = ?, dry_run = ?, on_duplicate = ?, atomic = ?, policies = ?,"
                    + " settings = ?, source_bytes = ?, source_checksum = ?, source_path = ?, rows_read = ?,"
                    + " created = ?, updated = ?, skipped = ?, rejected = ?, next_row = ?, bytes_read = ?,"
                    + " encoding = ?, delimiter = ?, headers = ?, warnings = ?, fatal_code = ?, fatal_message = ?,"
                    + " submitted_at = ?, started_at = ?, finished_at = ?, lease_owner = ?, lease_until = ?,"
                    + " undone = ?, checked = ? WHERE id = ? AND tenant = ? AND version = ?")) {
                int i = bind(ps, job, 1);
                ps.setLong(i++, job.id());
                ps.setString(i++, s.tenantValue());
                ps.setLong(i, expectedVersion);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void addRejectedRows(long jobId, List<RejectedRow> rows) {
        s.checkWritable();
        if (rows.isEmpty()) {
            return;
        }
        s.sql("storing rejected rows", c -> {
            try (PreparedStatement ps = c.prepareStatement(s.dialect().upsertRejectedRowSql())) {
                for (RejectedRow row : rows) {
                    ps.setLong(1, jobId);
                    ps.setLong(2, row.row());
                    ps.setString(3, s.tenantValue());
                    ps.setString(4, Json.strings(row.cells()));
                    ps.setString(5, Json.rowErrors(row.errors()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<RejectedRow> rejectedRows(long jobId, long afterRow, int limit) {
        s.checkOpen();
        return s.list("reading rejected rows", "SELECT row_no, cells, errors FROM crm_import_rejected_row"
                + " WHERE job_id = ? AND tenant = ? AND row_no > ? ORDER BY row_no LIMIT ?", ps -> {
                    ps.setLong(1, jobId);
                    ps.setString(2, s.tenantValue());
                    ps.setLong(3, afterRow);
                    ps.setInt(4, limit);
                }, rs -> new RejectedRow(rs.getLong(1), Json.strings(rs.getString(2)), Json.rowErrors(rs.getString(3))));
    }

    @Override
    public void addChanges(long jobId, List<ImportChange> changes) {
        s.checkWritable();
        if (changes.isEmpty()) {
            return;
        }
        s.sql("storing an import's changes", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_import_change (job_id, tenant,"
                    + " customer_id, customer_ids, created, version_after, before_image) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                // A run of creations at one version is one row: an import of a million customers
                // adds a row per chunk here, not a row per customer.
                int i = 0;
                while (i < changes.size()) {
                    ImportChange first = changes.get(i);
                    int end = i + 1;
                    if (first.created()) {
                        while (end < changes.size() && changes.get(end).created()
                                && changes.get(end).versionAfter() == first.versionAfter()) {
                            end++;
                        }
                    }
                    ps.setLong(1, jobId);
                    ps.setString(2, s.tenantValue());
                    if (end - i == 1) {
                        ps.setLong(3, first.customerId());
                        Columns.setString(ps, 4, null);
                    } else {
                        StringBuilder ids = new StringBuilder((end - i) * 8);
                        for (int k = i; k < end; k++) {
                            ids.append(k == i ? "" : ",").append(changes.get(k).customerId());
                        }
                        Columns.setLong(ps, 3, null);
                        ps.setString(4, ids.toString());
                    }
                    ps.setBoolean(5, first.created());
                    ps.setLong(6, first.versionAfter());
                    Columns.setString(ps, 7, first.before() == null ? null : Json.customer(first.before()));
                    ps.addBatch();
                    i = end;
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<ImportChange> changes(long jobId) {
        s.checkOpen();
        return s.sql("reading an import's changes", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT customer_id, customer_ids, created, version_after,"
                    + " before_image FROM crm_import_change WHERE job_id = ? AND tenant = ? ORDER BY id")) {
                ps.setLong(1, jobId);
                ps.setString(2, s.tenantValue());
                try (ResultSet rs = ps.executeQuery()) {
                    List<ImportChange> out = new ArrayList<>();
                    while (rs.next()) {
                        Long one = Columns.nullableLong(rs, 1);
                        boolean created = rs.getBoolean(3);
                        long versionAfter = rs.getLong(4);
                        String before = rs.getString(5);
                        if (one != null) {
                            out.add(new ImportChange(one, created, versionAfter,
                                    before == null ? null : Json.customer(before)));
                        } else {
                            for (String id : rs.getString(2).split(",")) {
                                out.add(new ImportChange(Long.parseLong(id), created, versionAfter, null));
                            }
                        }
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public void writeSource(long jobId, InputStream bytes) {
        s.checkWritable();
        s.sql("storing an import's source", c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM crm_import_source WHERE job_id = ? AND tenant = ?")) {
                delete.setLong(1, jobId);
                delete.setString(2, s.tenantValue());
                delete.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO crm_import_source (job_id, part, tenant, bytes) VALUES (?, ?, ?, ?)")) {
                int part = 0;
                while (true) {
                    byte[] buffer;
                    try {
                        buffer = bytes.readNBytes(SOURCE_PART_BYTES);
                    } catch (IOException e) {
                        throw new StorageException("could not read the source of job " + jobId, e);
                    }
                    if (buffer.length == 0 && part > 0) {
                        break;
                    }
                    ps.setLong(1, jobId);
                    ps.setInt(2, part++);
                    ps.setString(3, s.tenantValue());
                    ps.setBytes(4, buffer);
                    ps.executeUpdate();
                    if (buffer.length < SOURCE_PART_BYTES) {
                        break;
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void deleteSource(long jobId) {
        s.checkWritable();
        s.update("removing an import's source", "DELETE FROM crm_import_source WHERE job_id = ? AND tenant = ?", ps -> {
            ps.setLong(1, jobId);
            ps.setString(2, s.tenantValue());
        });
    }

    @Override
    public Optional<InputStream> openSource(long jobId) {
        s.checkOpen();
        boolean stored = s.first("opening an import's source",
                "SELECT 1 FROM crm_import_source WHERE job_id = ? AND tenant = ? AND part = 0", ps -> {
                    ps.setLong(1, jobId);
                    ps.setString(2, s.tenantValue());
                }, rs -> true).isPresent();
        return stored ? Optional.of(new SourceStream(s.storage(), s.tenantValue(), jobId)) : Optional.empty();
    }

    private Columns cols() {
        return s.columns();
    }
}
