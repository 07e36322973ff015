package dev.crmkit.core.importjob.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.ImportJobService;
import dev.crmkit.core.importjob.JobRequest;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.importjob.RejectedRow;
import dev.crmkit.core.importjob.UndoReport;
import dev.crmkit.core.internal.DefaultAttachmentService;
import dev.crmkit.core.internal.ServiceContext;
import dev.crmkit.core.permission.Operation;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The users' operations on import jobs. Public only for wiring; use {@link ImportJobService}. */
public final class DefaultImportJobService implements ImportJobService {

    private final ServiceContext ctx;

    public DefaultImportJobService(ServiceContext ctx) {
        this.ctx = ctx;
    }

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
        Operation operation = StoredJobs.operationFor(request.onDuplicate());
        // Check permission before reading any byte of the source.
        ctx.storage().read(actor.tenant(), s -> ctx.authorizer().require(s, actor, operation));
        SourceDigest digest = sharedPath != null ? SourceDigest.of(sharedPath) : null;
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, operation);
            Instant now = ctx.now();
            ImportJob job = new ImportJob(0, JobStatus.QUEUED, request.fileName(), actor, request.dryRun(),
                    request.onDuplicate(), request.mode(), request.policies(), request.settings(),
                    digest == null ? 0 : digest.size(), digest == null ? "" : digest.hex(),
                    sharedPath == null ? null : sharedPath.toString(), 0, 0, 0, 0, 0, 1, 0, null, null, List.of(), List.of(),
                    null, null, now, null, null, null, null, false, false, 1);
            long id = s.importJobs().insert(job);
            ImportJob stored = job.toBuilder().id(id).build();
            if (bytes == null) {
                return stored;
            }
            // The size and checksum are known once the bytes are stored.
            SourceDigest.Counting counted = new SourceDigest.Counting(bytes);
            s.importJobs().writeSource(id, counted);
            SourceDigest written = counted.digest();
            ImportJob withDigest = stored.toBuilder().source(written.size(), written.hex())
                    .version(stored.version() + 1).build();
            StoredJobs.store(s, withDigest, stored);
            return withDigest;
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
            StoredJobs.load(s, jobId);
            return s.importJobs().rejectedRows(jobId, afterRow, limit);
        });
    }

    @Override
    public ImportJob cancel(Actor actor, long jobId) {
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.IMPORT_CANCEL);
            ImportJob job = StoredJobs.load(s, jobId);
            if (job.status().isFinal()) {
                throw new ConflictException(ErrorCode.JOB_STATE_INVALID,
                        "job " + jobId + " has already ended (" + job.status() + ")");
            }
            ImportJob cancelled = job.toBuilder().status(JobStatus.CANCELLED)
                    .fatal(ErrorCode.CANCELLED, "cancelled by " + actor.userId())
                    .finishedAt(ctx.now()).lease(null, null).version(job.version() + 1).build();
            StoredJobs.store(s, cancelled, job);
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
            ImportJob job = StoredJobs.load(s, jobId);
            if (!job.status().isFinal()) {
                throw new ConflictException(ErrorCode.JOB_STATE_INVALID,
                        "job " + jobId + " is still " + job.status() + "; cancel it first");
            }
            if (job.undone()) {
                throw new ConflictException(ErrorCode.JOB_STATE_INVALID, "job " + jobId + " was already undone");
            }
            Instant now = ctx.now();
            UndoReport report = JobUndo.revert(s, actor, job, now, orphanedBlobs);
            StoredJobs.store(s, job.toBuilder().undone(true).version(job.version() + 1).build(), job);
            s.audit().append(new AuditEntry(0, now, actor.userId(), "IMPORT_UNDONE", Long.toString(jobId)));
            return report;
        });
        DefaultAttachmentService.deleteBlobs(ctx, actor.tenant(), orphanedBlobs);
        return undone;
    }
}
