package dev.crmkit.core.internal;

import dev.crmkit.core.bulk.ImportMode;
import dev.crmkit.core.Actor;
import dev.crmkit.core.ConflictException;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.StorageException;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.bulk.Chunk;
import dev.crmkit.core.bulk.ChunkPreparer;
import dev.crmkit.core.bulk.ChunkResult;
import dev.crmkit.core.bulk.FieldPolicy;
import dev.crmkit.core.bulk.ImportJob;
import dev.crmkit.core.bulk.ImportJobService;
import dev.crmkit.core.bulk.ImportRow;
import dev.crmkit.core.bulk.ImportWorker;
import dev.crmkit.core.bulk.JobEnd;
import dev.crmkit.core.bulk.InFilePhones;
import dev.crmkit.core.bulk.JobRequest;
import dev.crmkit.core.bulk.JobStatus;
import dev.crmkit.core.bulk.JobWarning;
import dev.crmkit.core.bulk.OnDuplicate;
import dev.crmkit.core.bulk.PreparedChunk;
import dev.crmkit.core.bulk.RejectedRow;
import dev.crmkit.core.bulk.RowError;
import dev.crmkit.core.bulk.UndoReport;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.customer.NationalId;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.permission.Operation;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.ImportChange;
import dev.crmkit.core.bulk.JobClaim;
import dev.crmkit.core.spi.StorageSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Import jobs and the rules for storing imported rows. Public only for wiring; use {@link
 * ImportJobService} and {@link ImportWorker}.
 */
public final class DefaultImportJobs implements ImportJobService, ImportWorker {

    private final ServiceContext ctx;
    private final CustomerDrafts drafts;

    public DefaultImportJobs(ServiceContext ctx) {
        this.ctx = ctx;
        this.drafts = new CustomerDrafts(ctx);
    }

    // ---------------------------------------------------------------- users

    @Override
    public ImportJob submit(Actor actor, JobRequest request, InputStream source) {
        Objects.requireNonNull(source, "source");
        return create(actor, request, null, source);
    }

    @Override
    public ImportJob submitShared(Actor actor, JobRequest request, Path source) {
        Objects.requireNonNull(source, "source");
        return create(actor, request, source.toAbsolutePath(), null);
    }

    private ImportJob create(Actor actor, JobRequest request, Path sharedPath, InputStream bytes) {
        Objects.requireNonNull(request, "request");
        // Check permission before reading any byte of the source.
        ctx.storage().read(actor.tenant(), s -> ctx.authorizer().require(s, actor, operationFor(request.onDuplicate())));
        Digest digest = sharedPath != null ? Digest.of(sharedPath) : null;
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, operationFor(request.onDuplicate()));
            Instant now = ctx.now();
            ImportJob job = new ImportJob(0, JobStatus.QUEUED, request.fileName(), actor, request.dryRun(),
                    request.onDuplicate(), request.mode(), request.policies(), request.settings(),
                    digest == null ? 0 : digest.size(), digest == null ? "" : digest.hex(),
                    sharedPath == null ? null : sharedPath.toString(), 0, 0, 0, 0, 0, 1, 0, null, null, List.of(), List.of(),
                    null, null, now, null, null, null, null, false, false, 1);
            long id = s.importJobs().insert(job);
            ImportJob stored = job.toBuilder().id(id).build();
            if (bytes != null) {
                // The size and checksum are known once the bytes are stored.
                DigestingStream counted = new DigestingStream(bytes);
                s.importJobs().writeSource(id, counted);
                ImportJob withDigest = stored.toBuilder().source(counted.size(), counted.hex())
                        .version(stored.version() + 1).build();
                store(s, withDigest, stored);
                return withDigest;
            }
            return stored;
        });
    }

    @Override
    public Optional<ImportJob> find(Actor actor, long jobId) {
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.IMPORT_READ);
            return s.importJobs().find(jobId);
        });
    }

    @Override
    public List<ImportJob> list(Actor actor, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000: " + limit);
        }
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.IMPORT_READ);
            return s.importJobs().list(limit);
        });
    }

    @Override
    public List<RejectedRow> rejectedRows(Actor actor, long jobId, long afterRow, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1..10000: " + limit);
        }
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.IMPORT_READ);
            load(s, jobId);
            return s.importJobs().rejectedRows(jobId, afterRow, limit);
        });
    }

    @Override
    public ImportJob cancel(Actor actor, long jobId) {
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.IMPORT_CANCEL);
            ImportJob job = load(s, jobId);
            if (job.status().isFinal()) {
                throw new ConflictException(ErrorCode.JOB_STATE_INVALID,
                        "job " + jobId + " has already ended (" + job.status() + ")");
            }
            ImportJob cancelled = job.toBuilder().status(JobStatus.CANCELLED)
                    .fatal(ErrorCode.CANCELLED, "cancelled by " + actor.userId())
                    .finishedAt(ctx.now()).lease(null, null).version(job.version() + 1).build();
            store(s, cancelled, job);
            s.importJobs().deleteSource(jobId);
            return cancelled;
        });
    }

    @Override
    public UndoReport undo(Actor actor, long jobId) {
        List<String> orphanedBlobs = new ArrayList<>();
        UndoReport undone = ctx.storage().write(actor.tenant(), s -> {
            orphanedBlobs.clear();
            ctx.authorizer().require(s, actor, Operation.IMPORT_UNDO);
            ImportJob job = load(s, jobId);
            if (!job.status().isFinal()) {
                throw new ConflictException(ErrorCode.JOB_STATE_INVALID,
                        "job " + jobId + " is still " + job.status() + "; cancel it first");
            }
            if (job.undone()) {
                throw new ConflictException(ErrorCode.JOB_STATE_INVALID, "job " + jobId + " was already undone");
            }
            UndoReport report = revert(s, actor, job, orphanedBlobs);
            store(s, job.toBuilder().undone(true).version(job.version() + 1).build(), job);
            s.audit().append(new dev.crmkit.core.activity.AuditEntry(0, ctx.now(), actor.userId(), "IMPORT_UNDONE",
                    Long.toString(jobId)));
            return report;
        });
        DefaultAttachmentService.deleteBlobs(ctx, actor.tenant(), orphanedBlobs);
        return undone;
    }

    /**
     * Removes what the job created and restores what it updated, newest change first. The blob keys
     * of removed customers' attachments are added to {@code orphanedBlobs}, for deletion once stored.
     */
    private UndoReport revert(StorageSession s, Actor actor, ImportJob job, List<String> orphanedBlobs) {
        List<ImportChange> changes = new ArrayList<>(s.importJobs().changes(job.id()));
        java.util.Collections.reverse(changes);
        int removed = 0;
        int restored = 0;
        List<Long> leftAlone = new ArrayList<>();
        Instant now = ctx.now();
        for (ImportChange change : changes) {
            Optional<CustomerRecord> current = s.customers().find(change.customerId());
            if (current.isEmpty()) {
                continue;
            }
            if (current.get().version() != change.versionAfter()) {
                leftAlone.add(change.customerId());
                continue;
            }
            if (change.created()) {
                orphanedBlobs.addAll(DefaultCustomerService.remove(s, change.customerId()));
                s.audit().append(new dev.crmkit.core.activity.AuditEntry(0, now, actor.userId(), "CUSTOMER_DELETED",
                        Long.toString(change.customerId())));
                removed++;
            } else {
                CustomerRecord before = change.before();
                CustomerRecord back = before.toBuilder().version(current.get().version() + 1).updatedAt(now)
                        .phones(current.get().phones()).lastContactAt(current.get().lastContactAt())
                        .totalContacts(current.get().totalContacts()).totalCalls(current.get().totalCalls())
                        .totalCallSeconds(current.get().totalCallSeconds()).build();
                if (!s.customers().update(back, current.get().version())) {
                    leftAlone.add(change.customerId());
                    continue;
                }
                s.activities().append(new Activity(0, change.customerId(), ActivityType.LOG, actor.userId(), now,
                        "Import " + job.id() + " undone", differences(current.get(), back),
                        Map.of("event", "importUndone", "importJobId", Long.toString(job.id()))));
                restored++;
            }
        }
        return new UndoReport(removed, restored, leftAlone);
    }

    // ---------------------------------------------------------------- workers

    @Override
    public Optional<JobClaim> claim(String owner, Duration lease) {
        Objects.requireNonNull(owner, "owner");
        Instant now = ctx.now();
        return ctx.storage().claimImportJob(owner, now, now.plus(lease));
    }

    @Override
    public boolean claimJob(TenantId tenant, long jobId, String owner, Duration lease) {
        Objects.requireNonNull(owner, "owner");
        return ctx.storage().write(tenant, s -> {
            ImportJob job = load(s, jobId);
            Instant now = ctx.now();
            boolean waiting = job.status() == JobStatus.QUEUED || job.status() == JobStatus.RUNNING;
            boolean free = waiting && (job.leaseUntil() == null || job.leaseUntil().isBefore(now)
                    || owner.equals(job.leaseOwner()));
            if (!free) {
                return false;
            }
            store(s, job.toBuilder().lease(owner, now.plus(lease)).version(job.version() + 1).build(), job);
            return true;
        });
    }

    @Override
    public ImportJob start(TenantId tenant, long jobId, String owner, Duration lease) {
        return ctx.storage().write(tenant, s -> {
            ImportJob job = owned(s, jobId, owner);
            if (job.sourcePath() != null) {
                Digest digest = Digest.of(Path.of(job.sourcePath()));
                if (digest.size() != job.sourceBytes() || !digest.hex().equals(job.sourceChecksum())) {
                    throw new ConflictException(ErrorCode.SOURCE_CHANGED, "the file " + job.sourcePath()
                            + " is not the one submitted for job " + jobId + " (its size or checksum differs)");
                }
            }
            Instant now = ctx.now();
            ImportJob running = job.toBuilder().status(JobStatus.RUNNING)
                    .startedAt(job.startedAt() == null ? now : job.startedAt())
                    .lease(owner, now.plus(lease)).version(job.version() + 1).build();
            store(s, running, job);
            return running;
        });
    }

    @Override
    public ImportJob renew(TenantId tenant, long jobId, String owner, Duration lease) {
        return ctx.storage().write(tenant, s -> {
            ImportJob job = owned(s, jobId, owner);
            ImportJob renewed = job.toBuilder().lease(owner, ctx.now().plus(lease)).version(job.version() + 1).build();
            store(s, renewed, job);
            return renewed;
        });
    }

    @Override
    public InputStream openSource(TenantId tenant, long jobId) {
        return ctx.storage().read(tenant, s -> {
            ImportJob job = load(s, jobId);
            if (job.sourcePath() != null) {
                try {
                    return Files.newInputStream(Path.of(job.sourcePath()));
                } catch (IOException e) {
                    throw new ConflictException(ErrorCode.SOURCE_CHANGED,
                            "the file " + job.sourcePath() + " of job " + jobId + " cannot be read: " + e.getMessage());
                }
            }
            return s.importJobs().openSource(jobId).orElseThrow(() -> new ConflictException(ErrorCode.SOURCE_CHANGED,
                    "job " + jobId + " has no stored source"));
        });
    }

    @Override
    public ImportJob markChecked(TenantId tenant, long jobId, String owner) {
        return ctx.storage().write(tenant, s -> {
            ImportJob job = owned(s, jobId, owner);
            ImportJob checked = job.toBuilder().checked(true).counts(0, 0, 0, 0, 0).nextRow(1).bytesRead(0)
                    .version(job.version() + 1).build();
            store(s, checked, job);
            return checked;
        });
    }

    @Override
    public ImportJob finish(TenantId tenant, long jobId, String owner, JobEnd jobEnd) {
        Objects.requireNonNull(jobEnd, "jobEnd");
        List<String> orphanedBlobs = new ArrayList<>();
        ImportJob finished = ctx.storage().write(tenant, s -> {
            orphanedBlobs.clear();
            ImportJob job = owned(s, jobId, owner);
            ImportJob.Builder end = job.toBuilder().status(jobEnd.status()).fatal(jobEnd.code(), jobEnd.message())
                    .finishedAt(ctx.now()).lease(null, null).version(job.version() + 1);
            if (jobEnd.status() == JobStatus.FAILED && (job.mode() == ImportMode.ATOMIC || jobEnd.revertWrites())) {
                // Nothing stays: a failed atomic job, or a file found broken on the way, stores
                // nothing. What earlier chunks wrote is reverted.
                if (!job.dryRun()) {
                    revert(s, job.submitter(), job, orphanedBlobs);
                }
                end.counts(job.rows(), 0, 0, 0, job.rejected());
            }
            ImportJob ended = end.build();
            store(s, ended, job);
            s.importJobs().deleteSource(jobId);
            return ended;
        });
        DefaultAttachmentService.deleteBlobs(ctx, tenant, orphanedBlobs);
        return finished;
    }

    @Override
    public ChunkPreparer preparer(TenantId tenant, long jobId) {
        record Snapshot(Actor submitter, List<CustomFieldDefinition> definitions) {
        }
        Snapshot snapshot = ctx.storage().read(tenant, s -> {
            ImportJob job = load(s, jobId);
            return new Snapshot(job.submitter(), s.customFields().list());
        });
        return chunk -> check(jobId, snapshot.submitter(), snapshot.definitions(), chunk);
    }

    /** Checks every row of a chunk against the given definitions; stores nothing, takes no lock. */
    private CheckedChunk check(long jobId, Actor submitter, List<CustomFieldDefinition> definitions, Chunk chunk) {
        Map<String, CustomFieldDefinition> byKey = CustomerRules.byKey(definitions);
        List<ImportRow> rows = chunk.rows();
        List<CustomerDrafts.Draft> checked = new ArrayList<>(rows.size());
        List<List<RowError>> errors = new ArrayList<>(rows.size());
        for (ImportRow row : rows) {
            Violations v = new Violations();
            CustomerDrafts.Draft draft = drafts.draft(submitter, row.values(), byKey, row.failedFields(), v);
            List<RowError> rowErrors = new ArrayList<>(row.errors().size() + 2);
            rowErrors.addAll(row.errors());
            for (CrmValidationException.Violation violation : v.list()) {
                rowErrors.add(rowError(chunk, row, violation.field(), violation.code(), violation.message()));
            }
            checked.add(draft);
            errors.add(List.copyOf(rowErrors));
        }
        return new CheckedChunk(jobId, chunk, definitions, checked, errors);
    }

    /** A chunk core checked: only core makes these, and commits trust only these. */
    private static final class CheckedChunk implements PreparedChunk {
        private final long jobId;
        private final Chunk chunk;
        private final List<CustomFieldDefinition> definitions;
        private final List<CustomerDrafts.Draft> drafts;
        private final List<List<RowError>> errors;

        CheckedChunk(long jobId, Chunk chunk, List<CustomFieldDefinition> definitions,
                     List<CustomerDrafts.Draft> drafts, List<List<RowError>> errors) {
            this.jobId = jobId;
            this.chunk = chunk;
            this.definitions = List.copyOf(definitions);
            this.drafts = drafts;
            this.errors = errors;
        }

        @Override
        public Chunk chunk() {
            return chunk;
        }
    }

    @Override
    public ChunkResult commitChunk(TenantId tenant, long jobId, String owner, PreparedChunk prepared,
                                   InFilePhones phones) {
        if (!(prepared instanceof CheckedChunk checked) || checked.jobId != jobId) {
            throw new IllegalArgumentException("the chunk was not prepared by this job's preparer");
        }
        return commit(tenant, jobId, owner, checked.chunk, checked, phones);
    }

    @Override
    public ChunkResult commitChunk(TenantId tenant, long jobId, String owner, Chunk chunk, InFilePhones phones) {
        return commit(tenant, jobId, owner, chunk, null, phones);
    }

    private ChunkResult commit(TenantId tenant, long jobId, String owner, Chunk chunk, CheckedChunk prepared,
                               InFilePhones phones) {
        Objects.requireNonNull(chunk, "chunk");
        Objects.requireNonNull(phones, "phones");
        Map<PhoneNumber, Long> claimed = new LinkedHashMap<>();
        ChunkResult result = ctx.storage().write(tenant, s -> {
            ImportJob job = owned(s, jobId, owner);
            Actor actor = job.submitter();
            ctx.authorizer().require(s, actor, operationFor(job.onDuplicate()));
            boolean write = chunk.write() && !job.dryRun();
            List<CustomFieldDefinition> definitions = s.customFields().list();
            // Checked outside: still good if the definitions have not changed since.
            CheckedChunk checked = prepared != null && prepared.definitions.equals(definitions) ? prepared
                    : check(jobId, job.submitter(), definitions, chunk);
            ChunkWork work = new ChunkWork(s, job, chunk, phones, claimed, write, checked);
            work.run();
            List<JobWarning> warnings = job.warnings();
            if (!chunk.warnings().isEmpty()) {
                warnings = new ArrayList<>(job.warnings());
                warnings.addAll(chunk.warnings());
            }
            ImportJob progressed = job.toBuilder()
                    .counts(job.rows() + chunk.rows().size(), job.created() + work.created,
                            job.updated() + work.updated, job.skipped() + work.skipped,
                            job.rejected() + work.rejectedRows.size())
                    .nextRow(chunk.nextRow()).bytesRead(chunk.bytesRead()).warnings(warnings)
                    // A reader may learn the encoding late (at the first non-ASCII byte): the
                    // newest chunk knows best.
                    .encoding(chunk.encoding() != null ? chunk.encoding() : job.encoding())
                    .delimiter(chunk.delimiter() != null ? chunk.delimiter() : job.delimiter())
                    .headers(job.headers().isEmpty() ? chunk.headers() : job.headers())
                    .version(job.version() + 1).build();
            if (!work.rejectedRows.isEmpty()) {
                s.importJobs().addRejectedRows(jobId, work.rejectedRows);
            }
            store(s, progressed, job);
            return new ChunkResult(work.created, work.updated, work.skipped, work.rejectedRows.size(),
                    work.rejectedRows, progressed);
        });
        // Only now that the chunk is stored do its numbers count as taken.
        claimed.forEach(phones::claim);
        return result;
    }

    /** Validates and applies one chunk inside its unit of work. */
    private final class ChunkWork {
        private final StorageSession s;
        private final ImportJob job;
        private final Chunk chunk;
        private final InFilePhones earlier;
        private final Map<PhoneNumber, Long> claimed;
        private final boolean write;
        private final Map<String, CustomFieldDefinition> definitions;
        private final Instant now = ctx.now();
        final List<RejectedRow> rejectedRows = new ArrayList<>();
        int created;
        int updated;
        int skipped;

        private final CheckedChunk checked;
        /** Shared by every "imported" activity of the chunk: a million rows, one map. */
        private final Map<String, String> importedData;

        ChunkWork(StorageSession s, ImportJob job, Chunk chunk, InFilePhones earlier, Map<PhoneNumber, Long> claimed,
                  boolean write, CheckedChunk checked) {
            this.s = s;
            this.job = job;
            this.chunk = chunk;
            this.earlier = earlier;
            this.claimed = claimed;
            this.write = write;
            this.checked = checked;
            this.definitions = CustomerRules.byKey(checked.definitions);
            this.importedData = Map.of("event", "imported", "importJobId", Long.toString(job.id()));
        }

        void run() {
            List<ImportRow> rows = chunk.rows();
            List<CustomerDrafts.Draft> drafts = checked.drafts;
            List<List<RowError>> errors = checked.errors;
            // Every readable phone is looked up, also of rows with other errors: a row carries
            // every error it has, DUPLICATE_PHONE included, and only new customers need a name.
            List<PhoneNumber> candidates = new ArrayList<>();
            for (CustomerDrafts.Draft draft : drafts) {
                if (draft.phone() != null) {
                    candidates.add(draft.phone());
                }
            }
            Map<PhoneNumber, Long> stored = candidates.isEmpty() ? Map.of() : s.customers().findIdsByPhones(candidates);
            List<ImportChange> changes = new ArrayList<>();
            List<CustomerRecord> creations = new ArrayList<>();
            if (job.onDuplicate() == OnDuplicate.UPDATE && !stored.isEmpty()) {
                current = s.customers().findAll(stored.values());
            }
            for (int i = 0; i < rows.size(); i++) {
                apply(rows.get(i), drafts.get(i), errors.get(i), stored, changes, creations);
            }
            if (write && !creations.isEmpty()) {
                createAll(creations, changes);
            }
            if (!updates.isEmpty()) {
                updateAll(changes);
            }
            if (write && !changes.isEmpty()) {
                s.importJobs().addChanges(job.id(), changes);
            }
        }

        /** The chunk's customers that are stored already, read at once when rows update them. */
        private Map<Long, CustomerRecord> current = Map.of();
        /** The chunk's updates: the new states, the versions they replace, and their activities. */
        private final List<CustomerRecord> updates = new ArrayList<>();
        private final List<CustomerRecord> beforeUpdates = new ArrayList<>();
        private final List<Activity> updateActivities = new ArrayList<>();

        /** Stores the chunk's updates and their activities in bulk. */
        private void updateAll(List<ImportChange> changes) {
            long[] expected = new long[beforeUpdates.size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = beforeUpdates.get(i).version();
            }
            if (s.customers().updateAll(updates, expected) != updates.size()) {
                throw new StorageException("a customer changed during the import's unit of work", null);
            }
            s.activities().appendAll(updateActivities);
            for (int i = 0; i < updates.size(); i++) {
                changes.add(new ImportChange(updates.get(i).id(), false, updates.get(i).version(),
                        beforeUpdates.get(i)));
            }
        }

        /** Stores the chunk's new customers and their "imported" activities in bulk. */
        private void createAll(List<CustomerRecord> creations, List<ImportChange> changes) {
            long[] ids = s.customers().insertAll(creations);
            List<Activity> imported = new ArrayList<>(ids.length);
            for (long id : ids) {
                imported.add(new Activity(0, id, ActivityType.LOG, job.submitter().userId(), now,
                        "Customer imported", List.of(), importedData));
            }
            s.activities().appendAll(imported);
            for (int i = 0; i < ids.length; i++) {
                changes.add(new ImportChange(ids[i], true, creations.get(i).version(), null));
            }
        }

        private void apply(ImportRow row, CustomerDrafts.Draft draft, List<RowError> checkedErrors,
                           Map<PhoneNumber, Long> stored, List<ImportChange> changes,
                           List<CustomerRecord> creations) {
            PhoneNumber phone = draft.phone();
            Long existing = phone == null ? null : stored.get(phone);
            // A row carries every error it has: the rules of a new customer, and either duplicate.
            // The checked errors are shared with the prepared chunk (a failed commit may be
            // retried with it), so more errors go to a list of the row's own.
            List<RowError> more = new ArrayList<>(0);
            if (existing == null) {
                Violations v = new Violations();
                drafts.requireForCreate(row.values(), draft, definitions, row.failedFields(), v);
                if (!v.isEmpty()) {
                    more.addAll(toRowErrors(row, v));
                }
            }
            long firstRow = phone == null ? 0 : firstRowOf(phone);
            if (firstRow != 0) {
                more.add(error(row, "phone", ErrorCode.DUPLICATE_IN_FILE,
                        phone + " is already in row " + firstRow + " of this file"));
            } else if (existing != null && job.onDuplicate() == OnDuplicate.REJECT) {
                more.add(error(row, "phone", ErrorCode.DUPLICATE_PHONE,
                        phone + " is already the phone of customer " + existing));
            }
            if (!checkedErrors.isEmpty() || !more.isEmpty()) {
                List<RowError> rowErrors = new ArrayList<>(checkedErrors.size() + more.size());
                rowErrors.addAll(checkedErrors);
                rowErrors.addAll(more);
                // Left to right, as a user reads the row; errors of the whole row last.
                rowErrors.sort(java.util.Comparator.comparingInt(e -> {
                    int i = e.column() == null ? -1 : chunk.headers().indexOf(e.column());
                    return i < 0 ? Integer.MAX_VALUE : i;
                }));
                rejectedRows.add(rejected(chunk, row, rowErrors));
                return;
            }
            claimed.put(phone, row.rowNumber());
            if (existing == null) {
                created++;
                if (write) {
                    creations.add(DefaultImportJobs.this.drafts.newRecord(draft, job.id(), now));
                }
            } else if (job.onDuplicate() == OnDuplicate.SKIP) {
                skipped++;
            } else {
                updateExisting(row, draft, existing, changes);
            }
        }

        private void updateExisting(ImportRow row, CustomerDrafts.Draft draft, long id, List<ImportChange> changes) {
            CustomerRecord current = this.current.containsKey(id) ? this.current.get(id)
                    : s.customers().find(id).orElseThrow();
            CustomerRecord.Builder next = current.toBuilder();
            List<FieldChange> fieldChanges = new ArrayList<>();
            for (CustomerField field : CustomerField.values()) {
                if (field == CustomerField.PHONE) {
                    continue;
                }
                boolean clear = row.cleared().contains(field.key());
                Object value = draft.get(field);
                if (value == null && !clear) {
                    continue; // a blank cell never overwrites
                }
                Object before = valueOf(current, field);
                if (!allowed(field.key(), before)) {
                    continue;
                }
                if (clear && field.required()) {
                    continue; // the name cannot be emptied; the row's other values still apply
                }
                Object after = clear ? null : value;
                if (!DefaultCustomerService.sameValue(before, after)) {
                    set(next, field, after, current);
                    fieldChanges.add(field == CustomerField.NATIONAL_ID
                            ? new FieldChange(field.key(), NationalId.mask((String) before), NationalId.mask((String) after))
                            : new FieldChange(field.key(), DefaultCustomerService.display(before),
                            DefaultCustomerService.display(after)));
                }
            }
            Map<String, Object> custom = new LinkedHashMap<>(current.customFields());
            for (CustomFieldDefinition def : definitions.values()) {
                boolean clear = row.cleared().contains(def.key());
                Object value = draft.custom().get(def.key());
                if ((value == null && !clear) || !allowed(def.key(), custom.get(def.key()))) {
                    continue;
                }
                Object before = custom.get(def.key());
                Object after = clear ? null : value;
                if (clear && def.required()) {
                    continue;
                }
                if (!DefaultCustomerService.sameValue(before, after)) {
                    if (after == null) {
                        custom.remove(def.key());
                    } else {
                        custom.put(def.key(), after);
                    }
                    fieldChanges.add(new FieldChange(def.key(), DefaultCustomerService.display(before),
                            DefaultCustomerService.display(after)));
                }
            }
            updated++;
            if (!write || fieldChanges.isEmpty()) {
                return;
            }
            CustomerRecord after = next.customFields(custom).version(current.version() + 1).updatedAt(now).build();
            updates.add(after);
            beforeUpdates.add(current);
            updateActivities.add(new Activity(0, id, ActivityType.LOG, job.submitter().userId(), now,
                    "Customer updated by import", fieldChanges,
                    Map.of("event", "importUpdated", "importJobId", Long.toString(job.id()))));
        }

        private boolean allowed(String key, Object stored) {
            FieldPolicy policy = job.policies().getOrDefault(key, FieldPolicy.ALWAYS);
            return switch (policy) {
                case ALWAYS -> true;
                case NEVER -> false;
                case ONLY_IF_EMPTY -> stored == null || (stored instanceof String str && str.isEmpty());
            };
        }

        private long firstRowOf(PhoneNumber phone) {
            Long inChunk = claimed.get(phone);
            return inChunk != null ? inChunk : earlier.rowOf(phone);
        }

        private List<RowError> toRowErrors(ImportRow row, Violations v) {
            List<RowError> out = new ArrayList<>();
            for (CrmValidationException.Violation violation : v.list()) {
                out.add(error(row, violation.field(), violation.code(), violation.message()));
            }
            return out;
        }

        private RowError error(ImportRow row, String fieldKey, ErrorCode code, String message) {
            return rowError(chunk, row, fieldKey, code, message);
        }
    }

    /**
     * The rejected row as it is stored and reported: its national id masked, in its cell and in
     * any error about that column, since error reports are read models like any other (an import
     * reads the masked value back as no value).
     */
    private static RejectedRow rejected(Chunk chunk, ImportRow row, List<RowError> errors) {
        Integer column = chunk.columns().get(CustomerField.NATIONAL_ID.key());
        if (column == null || column >= row.cells().size()) {
            return new RejectedRow(row.rowNumber(), row.cells(), errors);
        }
        List<String> cells = new ArrayList<>(row.cells());
        cells.set(column, maskCell(cells.get(column)));
        String header = column < chunk.headers().size() ? chunk.headers().get(column) : null;
        List<RowError> masked = new ArrayList<>(errors.size());
        for (RowError e : errors) {
            masked.add(header != null && header.equals(e.column()) && e.value() != null
                    ? new RowError(e.row(), e.column(), maskCell(e.value()), e.code(), e.message()) : e);
        }
        return new RejectedRow(row.rowNumber(), cells, masked);
    }

    private static String maskCell(String cell) {
        return cell == null || cell.isBlank() ? cell : NationalId.mask(cell.strip());
    }

    /** A row error naming the column (header) of the field and the cell's value. */
    private static RowError rowError(Chunk chunk, ImportRow row, String fieldKey, ErrorCode code, String message) {
        Integer column = fieldKey == null ? null : chunk.columns().get(fieldKey);
        String header = column == null || column >= chunk.headers().size() ? fieldKey : chunk.headers().get(column);
        String value = column == null || column >= row.cells().size() ? null : row.cells().get(column);
        return new RowError(row.rowNumber(), header, value, code, message);
    }

    private static Object valueOf(CustomerRecord r, CustomerField field) {
        return switch (field) {
            case TYPE -> r.type();
            case FULL_NAME -> r.fullName();
            case PHONE -> r.primaryPhone();
            case EMAIL -> r.email();
            case COMPANY -> r.company();
            case SEGMENT -> r.segment();
            case STATUS -> r.status();
            case FAX -> r.fax();
            case ADDRESS -> r.address();
            case NATIONAL_ID -> r.nationalId();
            case REPRESENTATIVE -> r.representative();
            case QUEUE -> r.queue();
            case RESULT_CODE -> r.resultCode();
            case ACTION_AT -> r.actionAt();
            case PROCESSING_STATUS -> r.processingStatus();
            case TOTAL_AMOUNT -> r.totalAmount();
            case LOADED_AT -> r.loadedAt();
        };
    }

    private void set(CustomerRecord.Builder b, CustomerField field, Object value, CustomerRecord current) {
        switch (field) {
            case TYPE -> b.type(value == null ? dev.crmkit.core.customer.CustomerType.PERSON
                    : (dev.crmkit.core.customer.CustomerType) value);
            case FULL_NAME -> b.fullName((String) value);
            case PHONE -> throw new IllegalStateException("the phone is the identity");
            case EMAIL -> b.email((String) value);
            case COMPANY -> b.company((String) value);
            case SEGMENT -> b.segment(value == null ? dev.crmkit.core.customer.Segment.NORMAL
                    : (dev.crmkit.core.customer.Segment) value);
            case STATUS -> b.status(value == null ? dev.crmkit.core.customer.CustomerStatus.ACTIVE
                    : (dev.crmkit.core.customer.CustomerStatus) value);
            case FAX -> b.fax((String) value);
            case ADDRESS -> b.address((String) value);
            case NATIONAL_ID -> b.nationalId((String) value);
            case REPRESENTATIVE -> b.representative((String) value).previousRepresentative(current.representative())
                    .assignedAt(ctx.now());
            case QUEUE -> b.queue((String) value);
            case RESULT_CODE -> b.resultCode((String) value);
            case ACTION_AT -> b.actionAt((Instant) value);
            case PROCESSING_STATUS -> b.processingStatus((String) value);
            case TOTAL_AMOUNT -> b.totalAmount((java.math.BigDecimal) value);
            case LOADED_AT -> b.loadedAt((Instant) value);
        }
    }

    /** The field changes from one state to another, national id masked. */
    private static List<FieldChange> differences(CustomerRecord from, CustomerRecord to) {
        List<FieldChange> out = new ArrayList<>();
        for (CustomerField field : CustomerField.values()) {
            Object a = valueOf(from, field);
            Object b = valueOf(to, field);
            if (!DefaultCustomerService.sameValue(a, b)) {
                out.add(field == CustomerField.NATIONAL_ID
                        ? new FieldChange(field.key(), NationalId.mask((String) a), NationalId.mask((String) b))
                        : new FieldChange(field.key(), DefaultCustomerService.display(a), DefaultCustomerService.display(b)));
            }
        }
        Set<String> keys = new java.util.TreeSet<>(from.customFields().keySet());
        keys.addAll(to.customFields().keySet());
        for (String key : keys) {
            Object a = from.customFields().get(key);
            Object b = to.customFields().get(key);
            if (!DefaultCustomerService.sameValue(a, b)) {
                out.add(new FieldChange(key, DefaultCustomerService.display(a), DefaultCustomerService.display(b)));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private static Operation operationFor(OnDuplicate onDuplicate) {
        return onDuplicate == OnDuplicate.UPDATE ? Operation.IMPORT_UPDATE : Operation.IMPORT_NEW;
    }

    private static ImportJob load(StorageSession s, long jobId) {
        return s.importJobs().find(jobId)
                .orElseThrow(() -> new NotFoundException(ErrorCode.JOB_NOT_FOUND, "no import job " + jobId));
    }

    /** The job, if it has not ended and this owner holds its lease. */
    private static ImportJob owned(StorageSession s, long jobId, String owner) {
        ImportJob job = load(s, jobId);
        if (job.status().isFinal()) {
            throw new ConflictException(ErrorCode.JOB_STATE_INVALID,
                    "job " + jobId + " has ended (" + job.status() + ")");
        }
        if (!owner.equals(job.leaseOwner())) {
            throw new ConflictException(ErrorCode.JOB_STATE_INVALID,
                    "job " + jobId + " is held by another worker; this one lost its lease");
        }
        return job;
    }

    /** Every change of a stored job passes here, and its status change through {@link JobStatus#canBecome}. */
    private static void store(StorageSession s, ImportJob next, ImportJob current) {
        if (!current.status().canBecome(next.status())) {
            throw new IllegalStateException("bug: job " + current.id() + " cannot go from " + current.status()
                    + " to " + next.status());
        }
        if (!s.importJobs().update(next, current.version())) {
            throw new ConflictException(ErrorCode.JOB_STATE_INVALID, "job " + current.id() + " changed meanwhile");
        }
    }

    /** The size and SHA-256 of a file. */
    private record Digest(long size, String hex) {
        static Digest of(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                DigestingStream d = new DigestingStream(in);
                d.transferTo(java.io.OutputStream.nullOutputStream());
                return new Digest(d.size(), d.hex());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    /** Counts and hashes what passes through. */
    private static final class DigestingStream extends DigestInputStream {
        private long size;

        DigestingStream(InputStream in) {
            super(in, sha256());
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                size++;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                size += n;
            }
            return n;
        }

        long size() {
            return size;
        }

        String hex() {
            return HexFormat.of().formatHex(getMessageDigest().digest());
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-256", e);
            }
        }
    }
}
