package dev.crmkit.core.importjob.internal;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.Chunk;
import dev.crmkit.core.importjob.ChunkPreparer;
import dev.crmkit.core.importjob.ChunkResult;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.ImportMode;
import dev.crmkit.core.importjob.ImportWorker;
import dev.crmkit.core.importjob.InFilePhones;
import dev.crmkit.core.importjob.JobClaim;
import dev.crmkit.core.importjob.JobEnd;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.importjob.PreparedChunk;
import dev.crmkit.core.internal.DefaultAttachmentService;
import dev.crmkit.core.internal.ServiceContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A worker's side of a job: claiming it under a lease, keeping the lease, reading its source, and
 * ending it. Chunks are checked and committed by {@link ChunkCommits}. Public only for wiring; use
 * {@link ImportWorker}.
 */
public final class DefaultImportWorker implements ImportWorker {

    private final ServiceContext ctx;
    private final ChunkCommits chunks;

    public DefaultImportWorker(ServiceContext ctx) {
        this.ctx = ctx;
        this.chunks = new ChunkCommits(ctx);
    }

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
            ImportJob job = StoredJobs.load(s, jobId);
            Instant now = ctx.now();
            boolean waiting = job.status() == JobStatus.QUEUED || job.status() == JobStatus.RUNNING;
            boolean free = waiting && (job.leaseUntil() == null || job.leaseUntil().isBefore(now)
                    || owner.equals(job.leaseOwner()));
            if (!free) {
                return false;
            }
            StoredJobs.store(s, job.toBuilder().lease(owner, now.plus(lease)).version(job.version() + 1).build(), job);
            return true;
        });
    }

    @Override
    public ImportJob start(TenantId tenant, long jobId, String owner, Duration lease) {
        return ctx.storage().write(tenant, s -> {
            ImportJob job = StoredJobs.owned(s, jobId, owner);
            if (job.sourcePath() != null) {
                SourceDigest digest = SourceDigest.of(Path.of(job.sourcePath()));
                if (digest.size() != job.sourceBytes() || !digest.hex().equals(job.sourceChecksum())) {
                    throw new ConflictException(ErrorCode.SOURCE_CHANGED, "the file " + job.sourcePath()
                            + " is not the one submitted for job " + jobId + " (its size or checksum differs)");
                }
            }
            Instant now = ctx.now();
            ImportJob running = job.toBuilder().status(JobStatus.RUNNING)
                    .startedAt(job.startedAt() == null ? now : job.startedAt())
                    .lease(owner, now.plus(lease)).version(job.version() + 1).build();
            StoredJobs.store(s, running, job);
            return running;
        });
    }

    @Override
    public ImportJob renew(TenantId tenant, long jobId, String owner, Duration lease) {
        return ctx.storage().write(tenant, s -> {
            ImportJob job = StoredJobs.owned(s, jobId, owner);
            ImportJob renewed = job.toBuilder().lease(owner, ctx.now().plus(lease)).version(job.version() + 1).build();
            StoredJobs.store(s, renewed, job);
            return renewed;
        });
    }

    @Override
    public InputStream openSource(TenantId tenant, long jobId) {
        return ctx.storage().read(tenant, s -> {
            ImportJob job = StoredJobs.load(s, jobId);
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
            ImportJob job = StoredJobs.owned(s, jobId, owner);
            ImportJob checked = job.toBuilder().checked(true).counts(0, 0, 0, 0, 0).nextRow(1).bytesRead(0)
                    .version(job.version() + 1).build();
            StoredJobs.store(s, checked, job);
            return checked;
        });
    }

    @Override
    public ImportJob finish(TenantId tenant, long jobId, String owner, JobEnd jobEnd) {
        Objects.requireNonNull(jobEnd, "jobEnd");
        List<String> orphanedBlobs = new ArrayList<>();
        ImportJob finished = ctx.storage().write(tenant, s -> {
            orphanedBlobs.clear();
            ImportJob job = StoredJobs.owned(s, jobId, owner);
            Instant now = ctx.now();
            ImportJob.Builder end = job.toBuilder().status(jobEnd.status()).fatal(jobEnd.code(), jobEnd.message())
                    .finishedAt(now).lease(null, null).version(job.version() + 1);
            if (jobEnd.status() == JobStatus.FAILED && (job.mode() == ImportMode.ATOMIC || jobEnd.revertWrites())) {
                // Nothing stays: a failed atomic job, or a file found broken on the way, stores
                // nothing. What earlier chunks wrote is reverted.
                if (!job.dryRun()) {
                    JobUndo.revert(s, job.submitter(), job, now, orphanedBlobs);
                }
                end.counts(job.rows(), 0, 0, 0, job.rejected());
            }
            ImportJob ended = end.build();
            StoredJobs.store(s, ended, job);
            s.importJobs().deleteSource(jobId);
            return ended;
        });
        DefaultAttachmentService.deleteBlobs(ctx, tenant, orphanedBlobs);
        return finished;
    }

    @Override
    public ChunkPreparer preparer(TenantId tenant, long jobId) {
        return chunks.preparer(tenant, jobId);
    }

    @Override
    public ChunkResult commitChunk(TenantId tenant, long jobId, String owner, PreparedChunk prepared,
                                   InFilePhones phones) {
        return chunks.commit(tenant, jobId, owner, prepared, phones);
    }

    @Override
    public ChunkResult commitChunk(TenantId tenant, long jobId, String owner, Chunk chunk, InFilePhones phones) {
        return chunks.commit(tenant, jobId, owner, chunk, null, phones);
    }
}
