package dev.crmkit.inmemory;

import dev.crmkit.core.TenantId;
import dev.crmkit.core.blob.BlobStore;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.importjob.JobClaim;
import dev.crmkit.core.spi.Storage;
import dev.crmkit.core.spi.StorageSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;

/**
 * Storage held in memory, for tests of host applications and for tools: it behaves like the JDBC
 * adapter (the same contract suites run on both) and loses everything when the process ends.
 *
 * <p>Thread-safe. Each tenant has its own read-write lock: units of work that write to one tenant
 * run one at a time and atomically (a unit of work that throws is undone), reads run in parallel,
 * and tenants never wait for each other. Phone lookups use a hash index and text search a trigram
 * index, so neither scans every customer.
 */
public final class InMemoryStorage implements Storage {

    /** Id counters shared by all tenants; like database sequences, undone work does not reuse ids. */
    static final class Sequences {
        final AtomicLong customers = new AtomicLong();
        final AtomicLong activities = new AtomicLong();
        final AtomicLong audit = new AtomicLong();
        final AtomicLong jobs = new AtomicLong();
        final AtomicLong results = new AtomicLong();
        final AtomicLong workItems = new AtomicLong();
        final AtomicLong calls = new AtomicLong();
        final AtomicLong messages = new AtomicLong();
        final AtomicLong attachments = new AtomicLong();
    }

    private final ConcurrentMap<TenantId, TenantData> tenants = new ConcurrentHashMap<>();
    private final Sequences ids = new Sequences();
    private final InMemoryBlobStore blobs = new InMemoryBlobStore();

    private InMemoryStorage() {
    }

    /** A new, empty storage. */
    public static InMemoryStorage create() {
        return new InMemoryStorage();
    }

    /** An {@link InMemoryBlobStore} of its own: attachment bytes live and die with the data. */
    @Override
    public Optional<BlobStore> defaultBlobStore() {
        return Optional.of(blobs);
    }

    @Override
    public <T> T read(TenantId tenant, Function<StorageSession, T> work) {
        return run(tenant, work, false);
    }

    @Override
    public <T> T write(TenantId tenant, Function<StorageSession, T> work) {
        return run(tenant, work, true);
    }

    @Override
    public synchronized Optional<JobClaim> claimImportJob(String owner, Instant now, Instant leaseUntil) {
        Objects.requireNonNull(owner, "owner");
        // Find the candidates first, oldest first, then claim the first that still qualifies
        // under its tenant's write lock; the method's own lock keeps two claims apart.
        List<Candidate> candidates = new ArrayList<>();
        for (Map.Entry<TenantId, TenantData> e : tenants.entrySet()) {
            Lock read = e.getValue().lock.readLock();
            read.lock();
            try {
                for (ImportJob job : e.getValue().jobs.values()) {
                    if (needsWorker(job, now)) {
                        candidates.add(new Candidate(e.getKey(), job.id(), job.submittedAt()));
                    }
                }
            } finally {
                read.unlock();
            }
        }
        candidates.sort(Comparator.comparing(Candidate::submittedAt).thenComparingLong(Candidate::jobId));
        for (Candidate c : candidates) {
            TenantData data = tenants.get(c.tenant());
            if (data == null) {
                continue; // cannot happen: a tenant's data is never removed
            }
            Lock write = data.lock.writeLock();
            write.lock();
            try {
                ImportJob job = data.jobs.get(c.jobId());
                if (job != null && needsWorker(job, now)) {
                    data.jobs.put(job.id(), job.toBuilder().lease(owner, leaseUntil).version(job.version() + 1).build());
                    return Optional.of(new JobClaim(c.tenant(), c.jobId()));
                }
            } finally {
                write.unlock();
            }
        }
        return Optional.empty();
    }

    private static boolean needsWorker(ImportJob job, Instant now) {
        boolean waiting = job.status() == JobStatus.QUEUED || job.status() == JobStatus.RUNNING;
        return waiting && (job.leaseUntil() == null || job.leaseUntil().isBefore(now));
    }

    private record Candidate(TenantId tenant, long jobId, Instant submittedAt) {
    }

    private <T> T run(TenantId tenant, Function<StorageSession, T> work, boolean writable) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(work, "work");
        TenantData data = tenants.computeIfAbsent(tenant, t -> new TenantData());
        Lock lock = writable ? data.lock.writeLock() : data.lock.readLock();
        lock.lock();
        InMemorySession session = new InMemorySession(tenant, data, writable, ids);
        try {
            T result = work.apply(session);
            session.close();
            return result;
        } catch (RuntimeException | Error e) {
            session.rollback();
            session.close();
            throw e;
        } finally {
            lock.unlock();
        }
    }
}
