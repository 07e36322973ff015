package dev.crmkit.importer.internal;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.Crm;
import dev.crmkit.core.CrmException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.StorageException;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.ChunkResult;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.ImportWorker;
import dev.crmkit.core.importjob.JobEnd;
import dev.crmkit.core.importjob.InFilePhones;
import dev.crmkit.core.importjob.JobWarning;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.phone.PhoneParser;
import dev.crmkit.importer.ChunkCommit;
import dev.crmkit.importer.ImportFileException;
import dev.crmkit.importer.ImportListener;
import dev.crmkit.core.importjob.ImportMode;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.ImportProgress;
import dev.crmkit.importer.internal.ChunkReader.Batch;
import dev.crmkit.importer.mapping.HeaderMapper;
import dev.crmkit.importer.mapping.HeaderMapping;
import dev.crmkit.importer.source.RecordSource;
import dev.crmkit.importer.source.SourceRecord;
import dev.crmkit.importer.source.Sources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed import job to its end: reads the source, maps the header, parses rows into
 * chunks and commits them through core, renewing the lease on the way. A job that was started
 * before (by this process or one that died) resumes after its last committed chunk: the rows
 * before it are read again only to learn which numbers they claimed. Not thread-safe: one
 * runner per job.
 */
public final class JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final Crm crm;
    private final ImportWorker worker;
    private final TenantId tenant;
    private final long jobId;
    private final String owner;
    private final Duration lease;
    private final Listeners listeners;
    private final BooleanSupplier cancelled;
    private final Path workDir;
    private final Retries retries;

    private ImportJob job;
    private long renewAt;
    private long startNanos;
    private long rowsThisRun;
    /** The job's bytes read when this run started: a resumed job's rate counts this run's work alone. */
    private long bytesAtStart;
    /** This run's copy of the job's source, read by every pass and every attempt, deleted at the end. */
    private Path sourceCopy;
    /** Row warnings of this run, counted by the reader threads of its passes. */
    private final AtomicInteger rowWarnings = new AtomicInteger();

    public JobRunner(Crm crm, TenantId tenant, long jobId, String owner, Duration lease, Listeners listeners,
                     BooleanSupplier cancelled, Path workDir, Retries retries) {
        this.crm = crm;
        this.worker = crm.importWorker();
        this.tenant = tenant;
        this.jobId = jobId;
        this.owner = owner;
        this.lease = lease;
        this.listeners = listeners;
        this.cancelled = cancelled;
        this.workDir = workDir;
        this.retries = retries;
    }

    /**
     * Runs the job, which this owner has claimed, until it ends or is taken away.
     *
     * @return the job as it was left
     */
    public ImportJob run() {
        // Starting again after a passing failure is harmless: the job is this owner's either way.
        job = retries.read(() -> worker.start(tenant, jobId, owner, lease));
        notifyStarted();
        startNanos = System.nanoTime();
        bytesAtStart = job.bytesRead();
        renewAt = startNanos + lease.toNanos() / 3;
        try {
            return retries.run(attempt -> {
                if (attempt > 1) {
                    // After a passing failure (its chunk rolled back whole): renewing the lease
                    // reads the job as committed, so this pass resumes after its last committed
                    // chunk exactly as another worker would. A job no longer this owner's ends the
                    // run here (ConflictException).
                    job = worker.renew(tenant, jobId, owner, lease);
                    renewAt = System.nanoTime() + lease.toNanos() / 3;
                }
                if (sourceCopy == null) {
                    sourceCopy = copySource();
                }
                return runPasses(sourceCopy, OptionsCodec.decode(job));
            }, (attempt, e) -> LOG.warn("import job {} of tenant {}: {}; trying again in {} ms (attempt {} of {})",
                    jobId, tenant.value(), e.getMessage(), retries.delay(attempt).toMillis(), attempt,
                    retries.attempts()));
        } catch (ImportFileException e) {
            return end(JobEnd.fileFailed(e.code(), e.getMessage()));
        } catch (ConflictException e) {
            if (e.code() == ErrorCode.SOURCE_CHANGED) {
                return end(JobEnd.fileFailed(e.code(), e.getMessage()));
            }
            // Cancelled, or another worker took the job over after our lease ran out: stop here.
            return stored();
        } catch (StorageException e) {
            if (e.isTransient()) {
                // As if this process had died: the job stays RUNNING under a lease that is no
                // longer renewed, and whoever claims it once the lease runs out resumes it after
                // its last committed chunk.
                LOG.warn("import job {} of tenant {} left RUNNING for the next worker after its lease ({} tries): {}",
                        jobId, tenant.value(), retries.attempts() + 1, e.getMessage());
                return stored();
            }
            return tryEnd(JobEnd.failed(ErrorCode.STORAGE_FAILURE, e.getMessage()));
        } finally {
            if (sourceCopy != null) {
                try {
                    Files.deleteIfExists(sourceCopy);
                } catch (IOException ignored) {
                    // A temporary file left behind is harmless.
                }
            }
        }
    }

    /** The passes over the file the job still needs, from its next row on, and its end. */
    private ImportJob runPasses(Path copy, ImportOptions options) {
        if (options.mode() == ImportMode.ATOMIC && !job.checked()) {
            pass(copy, options, false);
            if (job.rejected() > 0) {
                return end(JobEnd.fileFailed(ErrorCode.ROWS_REJECTED,
                        job.rejected() + " of " + job.rows() + " rows are invalid, so nothing was stored"));
            }
            job = worker.markChecked(tenant, jobId, owner);
        }
        pass(copy, options, true);
        return end(JobEnd.completed());
    }

    /**
     * Reads the whole file once, committing chunks from the job's next row on. Reading, parsing
     * and checking run on a {@link ChunkReader}'s thread while this thread commits the previous
     * chunk, so the two overlap; chunks are committed strictly in file order.
     */
    private void pass(Path file, ImportOptions options, boolean write) {
        List<CustomFieldDefinition> definitions = crm.customFields().list(job.submitter());
        Map<String, CustomFieldDefinition> byKey = new LinkedHashMap<>();
        for (CustomFieldDefinition d : definitions) {
            byKey.put(d.key(), d);
        }
        PhoneParser phones = options.region() == null ? crm.phoneParser() : PhoneParser.forRegion(options.region());
        try (RecordSource source = Sources.open(file, options.sourceOptions())) {
            SourceRecord header = firstNonBlank(source);
            if (header == null) {
                throw new ImportFileException(ErrorCode.FILE_EMPTY, "the file has no rows");
            }
            HeaderMapping mapping = options.columnMapping().isEmpty()
                    ? HeaderMapper.map(header.cells(), definitions)
                    : HeaderMapper.map(header.cells(), definitions, options.columnMapping());
            RowParser parser = new RowParser(mapping, byKey, phones, options.numberFormat().decimalSeparator(),
                    options.clearToken(), options.limits().maxCellChars(),
                    options.zone() != null ? options.zone() : crm.zone(tenant));
            Map<String, Integer> columns = new LinkedHashMap<>();
            for (HeaderMapping.Column c : mapping.columns()) {
                if (c.target() != null) {
                    columns.put(c.target().key(), c.index());
                }
            }
            // A resumed job recorded its header's warnings with its first chunk.
            List<JobWarning> headerWarnings = job.nextRow() <= 1 ? mapping.warnings() : List.of();
            LongPredicate rejectedBefore = job.nextRow() > 1
                    ? RejectedRows.rejectedBefore(crm, job.submitter(), jobId, job.nextRow()) : row -> false;
            TemplateMarker records = new TemplateMarker(source);
            ChunkReader.Start start = new ChunkReader.Start(job.nextRow(), job.rows(), header.rowNumber(),
                    records.markerRow(), headerWarnings, rejectedBefore);
            InFilePhones claimed = new InFilePhones();
            try (ChunkReader reader = ChunkReader.start(records, parser, options, columns, phones, claimed, start,
                    worker.preparer(tenant, jobId), write, rowWarnings, jobId)) {
                Batch batch;
                while ((batch = reader.take(lease.dividedBy(4), this::renewIfDue)) != Batch.END) {
                    commit(batch, claimed);
                }
            }
        }
    }

    private void commit(Batch batch, InFilePhones claimed) {
        if (cancelled.getAsBoolean()) {
            throw new ConflictException(ErrorCode.JOB_STATE_INVALID, "job " + jobId + " was cancelled or asked to stop");
        }
        renewIfDue();
        long started = System.nanoTime();
        ChunkResult result = worker.commitChunk(tenant, jobId, owner, batch.chunk(), claimed);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        job = result.job();
        int rows = batch.chunk().chunk().rows().size();
        rowsThisRun += rows;
        notifyCommitted(new ChunkCommit(jobId, rows, result.created(), result.updated(), result.skipped(),
                result.rejected(), batch.chunk().chunk().write() && !job.dryRun(), job.dryRun(), took));
        notifyProgress(batch.totalBytes());
    }

    private void renewIfDue() {
        long now = System.nanoTime();
        if (now >= renewAt) {
            job = worker.renew(tenant, jobId, owner, lease);
            renewAt = now + lease.toNanos() / 3;
        }
    }

    private static SourceRecord firstNonBlank(RecordSource source) {
        SourceRecord r;
        while ((r = source.next()) != null) {
            if (!r.isBlank()) {
                return r;
            }
        }
        return null;
    }

    /** Copies the source to a private temporary file, checking it is the one submitted. */
    private Path copySource() {
        try {
            Path copy = Files.createTempFile(workDir, "crm-import-" + jobId + "-", ".src");
            try (InputStream in = worker.openSource(tenant, jobId)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(copy);
                if (e.getCause() instanceof StorageException failure) {
                    throw failure; // the store failed, not the file
                }
                throw e;
            }
            long size = Files.size(copy);
            if (job.sourcePath() == null && size != job.sourceBytes()) {
                Files.deleteIfExists(copy);
                throw new ConflictException(ErrorCode.SOURCE_CHANGED, "the stored source of job " + jobId + " has "
                        + size + " bytes, not the " + job.sourceBytes() + " submitted");
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the source of job " + jobId, e);
        }
    }

    private void notifyStarted() {
        listeners.tell(() -> job, ImportListener::onStarted);
    }

    private void notifyCommitted(ChunkCommit chunk) {
        listeners.tell(() -> chunk, ImportListener::onChunkCommitted);
    }

    private void notifyProgress(long totalBytes) {
        listeners.tell(() -> progress(totalBytes), ImportListener::onProgress);
    }

    /** The progress of this run. */
    ImportProgress progress(long totalBytes) {
        return ImportProgress.estimate(jobId, job.rows(), job.bytesRead(), totalBytes, rowsThisRun,
                job.bytesRead() - bytesAtStart, Duration.ofNanos(System.nanoTime() - startNanos), false);
    }

    private ImportJob end(JobEnd end) {
        job = worker.finish(tenant, jobId, owner, end);
        return job;
    }

    /** The job as stored now, or as this runner last saw it if the store cannot say. */
    private ImportJob stored() {
        try {
            return crm.imports().find(job.submitter(), jobId).orElse(job);
        } catch (CrmException e) {
            return job;
        }
    }

    private ImportJob tryEnd(JobEnd end) {
        try {
            return end(end);
        } catch (CrmException e) {
            return job;
        }
    }
}
