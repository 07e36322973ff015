package dev.crmkit.core.importjob;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.text.TextFolding;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An import job as stored: what was asked, how far it got, and who works on it.
 *
 * @param id assigned by the store
 * @param status where it is in its life
 * @param fileName the name the file was submitted under (for people; the content decides the format)
 * @param submitter who submitted it; chunks are written with this actor's permissions
 * @param dryRun whether it only checks and reports
 * @param onDuplicate what to do with rows whose phone is stored
 * @param mode ATOMIC if any rejected row means nothing is stored, else PARTIAL
 * @param policies per-field overwrite policies of UPDATE mode, by field key
 * @param settings importer settings (encoding, delimiter, sheet, column mapping, limits...), opaque to core
 * @param sourceBytes the size of the source
 * @param sourceChecksum the SHA-256 of the source, hex
 * @param sourcePath a path every process can read, or {@code null} when the bytes are in the store
 * @param rows data rows read so far (committed)
 * @param nextRow the first row number not yet committed; a resumed job starts there
 * @param bytesRead bytes of the source read up to {@code nextRow}
 * @param encoding the CSV encoding used, or {@code null}
 * @param delimiter the CSV delimiter used, or {@code null}
 * @param headers the header row of the file, once read
 * @param warnings file-level warnings (unknown columns and the like)
 * @param fatalCode why the job failed or was cancelled, or {@code null}
 * @param fatalMessage the message of {@code fatalCode}, or {@code null}
 * @param leaseOwner the process working on it, or {@code null}
 * @param leaseUntil when the lease expires if not renewed, or {@code null}
 * @param undone whether the job's changes were undone
 * @param checked for atomic jobs: whether the checking pass found every row valid, so that the
 *     writing pass runs
 * @param version increases with every stored change; stores update a job only at the version read
 */
public record ImportJob(
        long id,
        JobStatus status,
        String fileName,
        Actor submitter,
        boolean dryRun,
        OnDuplicate onDuplicate,
        ImportMode mode,
        Map<String, FieldPolicy> policies,
        Map<String, String> settings,
        long sourceBytes,
        String sourceChecksum,
        @Nullable String sourcePath,
        long rows,
        long created,
        long updated,
        long skipped,
        long rejected,
        long nextRow,
        long bytesRead,
        @Nullable String encoding,
        @Nullable Character delimiter,
        List<String> headers,
        List<JobWarning> warnings,
        @Nullable ErrorCode fatalCode,
        @Nullable String fatalMessage,
        Instant submittedAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable String leaseOwner,
        @Nullable Instant leaseUntil,
        boolean undone,
        boolean checked,
        long version) {

    public ImportJob {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(submitter, "submitter");
        Objects.requireNonNull(onDuplicate, "onDuplicate");
        Objects.requireNonNull(submittedAt, "submittedAt");
        policies = Collections.unmodifiableMap(new LinkedHashMap<>(policies));
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        headers = headers.stream().map(h -> h == null ? "" : TextFolding.replaceNul(h)).toList();
        fileName = TextFolding.replaceNul(fileName);
        fatalMessage = fatalMessage == null ? null : TextFolding.replaceNul(fatalMessage);
        warnings = List.copyOf(warnings);
    }

    /** A builder starting from this job. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes components one by one; not thread-safe. */
    public static final class Builder {
        private final ImportJob j;
        private JobStatus status;
        private Map<String, String> settings;
        private long rows;
        private long created;
        private long updated;
        private long skipped;
        private long rejected;
        private long nextRow;
        private long bytesRead;
        private long sourceBytes;
        private String sourceChecksum;
        private @Nullable String encoding;
        private @Nullable Character delimiter;
        private List<String> headers;
        private List<JobWarning> warnings;
        private @Nullable ErrorCode fatalCode;
        private @Nullable String fatalMessage;
        private @Nullable Instant startedAt;
        private @Nullable Instant finishedAt;
        private @Nullable String leaseOwner;
        private @Nullable Instant leaseUntil;
        private boolean undone;
        private boolean checked;
        private long id;
        private long version;

        private Builder(ImportJob j) {
            this.j = j;
            id = j.id;
            status = j.status;
            settings = j.settings;
            rows = j.rows;
            created = j.created;
            updated = j.updated;
            skipped = j.skipped;
            rejected = j.rejected;
            nextRow = j.nextRow;
            sourceBytes = j.sourceBytes;
            sourceChecksum = j.sourceChecksum;
            bytesRead = j.bytesRead;
            encoding = j.encoding;
            delimiter = j.delimiter;
            headers = j.headers;
            warnings = j.warnings;
            fatalCode = j.fatalCode;
            fatalMessage = j.fatalMessage;
            startedAt = j.startedAt;
            finishedAt = j.finishedAt;
            leaseOwner = j.leaseOwner;
            leaseUntil = j.leaseUntil;
            undone = j.undone;
            checked = j.checked;
            version = j.version;
        }

        public Builder id(long v) { id = v; return this; }
        public Builder status(JobStatus v) { status = v; return this; }
        public Builder settings(Map<String, String> v) { settings = v; return this; }
        public Builder counts(long rowsRead, long createdRows, long updatedRows, long skippedRows, long rejectedRows) {
            rows = rowsRead;
            created = createdRows;
            updated = updatedRows;
            skipped = skippedRows;
            rejected = rejectedRows;
            return this;
        }
        public Builder nextRow(long v) { nextRow = v; return this; }
        public Builder source(long bytes, String checksum) { sourceBytes = bytes; sourceChecksum = checksum; return this; }
        public Builder bytesRead(long v) { bytesRead = v; return this; }
        public Builder encoding(@Nullable String v) { encoding = v; return this; }
        public Builder delimiter(@Nullable Character v) { delimiter = v; return this; }
        public Builder headers(List<String> v) { headers = v; return this; }
        public Builder warnings(List<JobWarning> v) { warnings = v; return this; }
        public Builder fatal(ErrorCode code, String message) { fatalCode = code; fatalMessage = message; return this; }
        public Builder startedAt(@Nullable Instant v) { startedAt = v; return this; }
        public Builder finishedAt(@Nullable Instant v) { finishedAt = v; return this; }
        public Builder lease(String owner, Instant until) { leaseOwner = owner; leaseUntil = until; return this; }
        public Builder undone(boolean v) { undone = v; return this; }
        public Builder checked(boolean v) { checked = v; return this; }
        public Builder version(long v) { version = v; return this; }

        public ImportJob build() {
            return new ImportJob(id, status, j.fileName, j.submitter, j.dryRun, j.onDuplicate, j.mode, j.policies,
                    settings, sourceBytes, sourceChecksum, j.sourcePath, rows, created, updated, skipped, rejected,
                    nextRow, bytesRead, encoding, delimiter, headers, warnings, fatalCode, fatalMessage, j.submittedAt,
                    startedAt, finishedAt, leaseOwner, leaseUntil, undone, checked, version);
        }
    }
}
