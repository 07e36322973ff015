package dev.crmkit.inmemory;

import dev.crmkit.core.TenantId;
import dev.crmkit.core.spi.Storage;
import dev.crmkit.core.spi.StorageSession;
import java.util.Objects;
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
    }

    private final ConcurrentMap<TenantId, TenantData> tenants = new ConcurrentHashMap<>();
    private final Sequences ids = new Sequences();

    private InMemoryStorage() {
    }

    /** A new, empty storage. */
    public static InMemoryStorage create() {
        return new InMemoryStorage();
    }

    @Override
    public <T> T read(TenantId tenant, Function<StorageSession, T> work) {
        return run(tenant, work, false);
    }

    @Override
    public <T> T write(TenantId tenant, Function<StorageSession, T> work) {
        return run(tenant, work, true);
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
