package dev.crmkit.importer;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.JobRequest;
import dev.crmkit.core.importjob.RejectedRow;
import dev.crmkit.core.importjob.RowError;
import dev.crmkit.core.importjob.JobClaim;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.permission.DirectoryUser;
import dev.crmkit.core.permission.Operation;
import dev.crmkit.importer.internal.JobRunner;
import dev.crmkit.importer.internal.Retries;
import dev.crmkit.importer.internal.Listeners;
import dev.crmkit.importer.mapping.HeaderMapper;
import dev.crmkit.importer.report.ErrorReportWriter;
import dev.crmkit.importer.report.ReportFormat;
import dev.crmkit.importer.report.TemplateWriter;
import java.io.OutputStream;
import dev.crmkit.importer.internal.OptionsCodec;
import dev.crmkit.importer.internal.RejectedRows;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Imports customer files (CSV, XLSX, XLS, recognised by content) as persistent batch jobs.
 *
 * <pre>{@code
 * Importer importer = Importer.builder(crm).build();
 * ImportReport report = importer.importFile(actor, Path.of("musteriler.csv"), ImportOptions.defaults());
 * }</pre>
 *
 * <p>A job is stored with its source before it runs, so any process sharing the store can run it,
 * and a process that dies mid-job is replaced by whichever claims the job after its lease runs
 * out: the new owner resumes after the last committed chunk. A job interrupted by a transient
 * storage failure ({@link dev.crmkit.core.StorageException#isTransient()}: the database out of
 * reach, the connection lost) is left the same way, RUNNING, to be resumed once its lease runs
 * out; any other storage failure ends it FAILED with {@code STORAGE_FAILURE}. Thread-safe; jobs
 * run on the calling thread ({@link #importFile}, {@link #runJob}, {@link #runPending}).
 *
 * <p>Jobs are cancelled, listed and undone through {@code crm.imports()}: a job cancelled there
 * while it runs here stops when it next tries to commit a chunk.
 */
public final class Importer {

    private final Crm crm;
    private final String owner;
    private final Duration lease;
    private final Path workDir;
    private final Retries retries;
    private final List<ImportListener> listenerList = new CopyOnWriteArrayList<>();
    private final Listeners listeners = new Listeners(listenerList);
    /** The jobs threads of this importer are running now, with the report each run will give. */
    private final ConcurrentMap<RunningJob, CompletableFuture<ImportReport>> running = new ConcurrentHashMap<>();

    private Importer(Builder b) {
        this.crm = b.crm;
        this.owner = b.owner;
        this.lease = b.lease;
        this.workDir = b.workDir;
        this.retries = b.retries;
    }

    public static Builder builder(Crm crm) {
        return new Builder(crm);
    }

    /** The name this process claims jobs under. */
    public String owner() {
        return owner;
    }

    /** Adds a listener for the jobs this importer runs. */
    public Importer addListener(ImportListener listener) {
        listenerList.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Submits a file as a QUEUED job: its bytes are copied into the store, so any process sharing
     * the store can run it. Checks the permission (CONTRIBUTE, or EDIT for UPDATE mode) and the
     * file size limit first.
     */
    public ImportJob submit(Actor actor, Path file, ImportOptions options) {
        checkSize(file, options);
        try (InputStream in = Files.newInputStream(file)) {
            return crm.imports().submit(actor, request(file, options), in);
        } catch (IOException e) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "cannot read " + file.getFileName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Submits a file that every process running jobs can read at the same path; it is not copied. */
    public ImportJob submitShared(Actor actor, Path file, ImportOptions options) {
        checkSize(file, options);
        return crm.imports().submitShared(actor, request(file, options), file);
    }

    /**
     * Submits a file and runs its job on this thread; returns its report. A worker of this
     * importer on another thread ({@link #runPending}) may take the queued job first: then this
     * waits for that run and returns its report.
     */
    public ImportReport importFile(Actor actor, Path file, ImportOptions options) {
        ImportJob job = submit(actor, file, options);
        Optional<ImportReport> ran = runJob(actor.tenant(), job.id());
        if (ran.isPresent()) {
            return ran.get();
        }
        CompletableFuture<ImportReport> other = running.get(new RunningJob(actor.tenant(), job.id()));
        if (other != null) {
            try {
                other.join();
            } catch (CompletionException | CancellationException e) {
                // That run failed; the job as stored says how far it got.
            }
        }
        return report(actor, job.id());
    }

    /**
     * Runs one job on this thread if it needs a worker (queued, or its lease ran out); returns its
     * report, or empty if another worker holds it or it has ended.
     */
    public Optional<ImportReport> runJob(TenantId tenant, long jobId) {
        RunningJob key = new RunningJob(tenant, jobId);
        CompletableFuture<ImportReport> run = new CompletableFuture<>();
        // Claims are made under this importer's one owner name, and a job already this owner's
        // can be claimed again: two threads of this importer must not both run one job.
        if (running.putIfAbsent(key, run) != null) {
            return Optional.empty();
        }
        try {
            if (!retries.read(() -> crm.importWorker().claimJob(tenant, jobId, owner, lease))) {
                run.cancel(false);
                return Optional.empty();
            }
            ImportReport report = runClaimed(tenant, jobId, () -> false);
            run.complete(report);
            return Optional.of(report);
        } catch (RuntimeException | Error e) {
            run.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, run);
        }
    }

    /** Runs every job that needs a worker, one after the other, until none is left; returns how many ran. */
    public int runPending() {
        return runPending(() -> false);
    }

    /**
     * Runs every job that needs a worker, one after the other, until none is left or {@code stop}
     * says so; returns how many ran. {@code stop} is asked before each job is claimed and, while a
     * job runs, before each of its chunks is committed: a job stopped that way keeps what it has
     * committed, stays RUNNING and is resumed from there by whichever worker claims it after its
     * lease runs out (this process's included). It is how a host stops its workers at shutdown.
     *
     * @param stop asked from the running thread; must be quick and thread-safe
     */
    public int runPending(BooleanSupplier stop) {
        Objects.requireNonNull(stop, "stop");
        int ran = 0;
        Optional<JobClaim> claim;
        while (!stop.getAsBoolean() && (claim = retries.read(() -> crm.importWorker().claim(owner, lease))).isPresent()) {
            RunningJob key = new RunningJob(claim.get().tenant(), claim.get().jobId());
            CompletableFuture<ImportReport> run = new CompletableFuture<>();
            if (running.putIfAbsent(key, run) != null) {
                // Another thread of this importer runs it (its lease ran out while it worked);
                // the claim renewed the lease it holds under the same name.
                continue;
            }
            try {
                run.complete(runClaimed(key.tenant(), key.jobId(), stop));
            } catch (RuntimeException | Error e) {
                run.completeExceptionally(e);
                throw e;
            } finally {
                running.remove(key, run);
            }
            ran++;
        }
        return ran;
    }

    /** A job being run by a thread of this importer. */
    private record RunningJob(TenantId tenant, long jobId) {
    }

    private ImportReport runClaimed(TenantId tenant, long jobId, BooleanSupplier stop) {
        JobRunner runner = new JobRunner(crm, tenant, jobId, owner, lease, listeners,
                stop, workDir, retries);
        ImportJob ended = runner.run();
        // The job has ended or been left for another worker; a passing failure of this last read
        // must not make a finished job look failed to the caller.
        ImportReport report = retries.read(() -> report(ended.submitter(), jobId));
        listeners.tell(() -> report, ImportListener::onFinished);
        return report;
    }

    /**
     * The report of a job as stored now: counts, warnings and the errors of its first {@value
     * ImportReport#FIRST_ROWS} rejected rows.
     */
    public ImportReport report(Actor actor, long jobId) {
        ImportJob job = find(actor, jobId);
        List<RowError> errors = new ArrayList<>();
        for (RejectedRow row : RejectedRows.first(crm, actor, jobId, ImportReport.FIRST_ROWS)) {
            errors.addAll(row.errors());
        }
        return new ImportReport(job, job.warnings(), errors);
    }

    /**
     * A job's progress as stored, for polling from any process: rows and bytes committed so far,
     * the rate since the job started, and the time left at that rate.
     */
    public ImportProgress progress(Actor actor, long jobId) {
        ImportJob job = find(actor, jobId);
        if (job.startedAt() == null) {
            return ImportProgress.estimate(jobId, 0, 0, job.sourceBytes(), 0, 0, Duration.ZERO, job.status().isFinal());
        }
        java.time.Instant end = job.finishedAt() != null ? job.finishedAt() : crm.clock().instant();
        return ImportProgress.estimate(jobId, job.rows(), job.bytesRead(), job.sourceBytes(), job.rows(),
                job.bytesRead(), Duration.between(job.startedAt(), end), job.status().isFinal());
    }

    /**
     * Every rejected row of a job, in file order, read from the store a page at a time as the
     * stream is consumed: any number of rows is walked in bounded memory (collecting them all
     * into a list is not). Each page is read with the actor's permissions at the time it is read.
     */
    public Stream<RejectedRow> rejectedRows(Actor actor, long jobId) {
        find(actor, jobId);
        return RejectedRows.stream(crm, actor, jobId);
    }

    /**
     * Writes a job's error report: the header, then each rejected row with its original cells and
     * its errors, read from the store a page at a time. Columns of custom fields the actor may not
     * see are left out.
     */
    public void writeErrorReport(Actor actor, long jobId, OutputStream out, ReportFormat format) {
        ImportJob job = find(actor, jobId);
        List<String> headers = job.headers();
        try (Stream<RejectedRow> rows = RejectedRows.stream(crm, actor, jobId)) {
            ErrorReportWriter.write(out, format, job.delimiter() == null ? ';' : job.delimiter(), headers,
                    hiddenColumns(actor, headers), rows::iterator);
        }
    }

    private ImportJob find(Actor actor, long jobId) {
        return crm.imports().find(actor, jobId).orElseThrow(() ->
                new dev.crmkit.core.NotFoundException(ErrorCode.JOB_NOT_FOUND, "no import job " + jobId));
    }

    /**
     * Writes the import template with the built-in fields and the custom fields the actor may see.
     * In XLSX, columns that take one of a few values offer them in a dropdown; the representative
     * column lists the directory's users when the actor may list them (CONTRIBUTE, the level that
     * imports) and the directory lists its users.
     */
    public void writeTemplate(Actor actor, OutputStream out, ReportFormat format) {
        List<String> representatives = List.of();
        if (format == ReportFormat.XLSX && crm.permissions().can(actor, Operation.USER_LIST)) {
            representatives = crm.permissions().users(actor).stream().map(DirectoryUser::username).toList();
        }
        TemplateWriter.write(out, format, ';', crm.customFields().list(actor), representatives);
    }

    /** Columns whose header names a custom field the actor may not see. */
    private Set<Integer> hiddenColumns(Actor actor, List<String> headers) {
        Set<String> visible = new java.util.HashSet<>();
        for (CustomFieldDefinition d : crm.customFields().list(actor)) {
            visible.add(d.key());
        }
        // Reading every definition needs MANAGE; the importer does it on its own account only to
        // hide more, never to show anything.
        Actor system = Actor.admin(actor.tenant(), "crm-import");
        java.util.Map<String, String> hiddenByMatchKey = new java.util.HashMap<>();
        for (CustomFieldDefinition d : crm.customFields().list(system)) {
            if (!visible.contains(d.key())) {
                hiddenByMatchKey.put(HeaderMapper.matchKey(d.key()), d.key());
                hiddenByMatchKey.put(HeaderMapper.matchKey(d.label()), d.key());
            }
        }
        Set<Integer> hidden = new java.util.HashSet<>();
        for (int i = 0; i < headers.size(); i++) {
            if (hiddenByMatchKey.containsKey(HeaderMapper.matchKey(headers.get(i)))) {
                hidden.add(i);
            }
        }
        return hidden;
    }

    private static JobRequest request(Path file, ImportOptions options) {
        return new JobRequest(file.getFileName().toString(), options.dryRun(), options.onDuplicate(),
                options.mode(), options.fieldPolicies(), OptionsCodec.encode(options));
    }

    private static void checkSize(Path file, ImportOptions options) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "cannot read " + file.getFileName() + ": "
                    + e.getMessage(), e);
        }
        if (size > options.limits().maxFileBytes()) {
            throw new ImportFileException(ErrorCode.FILE_TOO_LARGE, file.getFileName() + " has " + size
                    + " bytes; the limit is " + options.limits().maxFileBytes());
        }
    }

    /** Configures an {@link Importer}. Each setter may be called once. Not thread-safe. */
    public static final class Builder {
        /** Attempts to take a job up again after a passing storage failure, by default. */
        public static final int DEFAULT_RETRIES = 5;
        private static final Duration DEFAULT_RETRY_DELAY = Duration.ofMillis(250);
        private final Crm crm;
        private String owner = defaultOwner();
        private Duration lease = Duration.ofSeconds(30);
        private Path workDir = Path.of(System.getProperty("java.io.tmpdir"));
        private Retries retries = new Retries(DEFAULT_RETRIES, DEFAULT_RETRY_DELAY);

        private final java.util.Set<String> given = new java.util.HashSet<>();

        private Builder(Crm crm) {
            this.crm = Objects.requireNonNull(crm, "crm");
        }

        private void once(String setting) {
            if (!given.add(setting)) {
                throw new IllegalStateException(setting + " was already set");
            }
        }

        /** The name jobs are claimed under; unique per process by default. */
        public Builder owner(String value) {
            once("owner");
            owner = Objects.requireNonNull(value, "owner");
            return this;
        }

        /** How long a claimed job stays this process's without renewal (default 30 s). */
        public Builder lease(Duration value) {
            once("lease");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the lease must be positive");
            }
            lease = value;
            return this;
        }

        /**
         * How often a job is taken up again in this process after a passing storage failure (a
         * lost connection, a serialization failure or deadlock, a database restarting), and the
         * wait before the first time; each later wait doubles, up to 5 s. The failed chunk is
         * rolled back whole and the job goes on after its last committed chunk, exactly as a
         * resume by another worker would. With 0, or once the attempts are used up, the job is
         * left RUNNING for whichever worker claims it after the lease (default: {@value
         * #DEFAULT_RETRIES} attempts from 250 ms, about 8 s in all).
         */
        public Builder retries(int attempts, Duration firstDelay) {
            once("retries");
            retries = new Retries(attempts, Objects.requireNonNull(firstDelay, "firstDelay"));
            return this;
        }

        /** Where sources are copied while a job runs (default: the system's temporary folder). */
        public Builder workDir(Path value) {
            once("workDir");
            workDir = Objects.requireNonNull(value, "workDir");
            return this;
        }

        public Importer build() {
            try {
                Files.createDirectories(workDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + workDir, e);
            }
            return new Importer(this);
        }

        private static String defaultOwner() {
            String runtime = ManagementFactory.getRuntimeMXBean().getName();
            return runtime + "-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
