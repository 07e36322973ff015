package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.CrmException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.Page;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.permission.DirectoryUser;
import dev.crmkit.core.permission.InMemoryUserDirectory;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of every contract suite: a fresh storage from the adapter's factory for each test, a
 * {@link Crm} on it with a hand-moved clock, and two tenants with a few users.
 *
 * <p>An adapter runs every suite through {@link StorageKit}, or one suite by extending it and
 * implementing {@link #newStorage()}. Suites talk
 * to the storage only through the public services, so they check what users observe.
 */
public abstract class ContractSupport {

    /** The first tenant of every test. */
    protected static final TenantId ACME = TenantId.of("acme");
    /** The second tenant, to check isolation. */
    protected static final TenantId GLOBEX = TenantId.of("globex");
    /** Where every test's clock starts. */
    protected static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    protected MutableClock clock;
    protected InMemoryUserDirectory users;
    protected Storage storage;
    protected Crm crm;
    /** The gateway {@link #crm} sends messages through. */
    protected RecordingMessageGateway gateway;
    /** The blob store {@link #crm} keeps attachments in: the adapter's own, tracked. */
    protected TrackingBlobStore blobs;

    /** ACME's admin. */
    protected Actor admin;
    /** GLOBEX's admin. */
    protected Actor otherAdmin;

    /**
     * A new, empty storage. Called once before every test; the adapter may share an expensive
     * resource (a database) between calls as long as each storage starts empty.
     */
    protected abstract Storage newStorage();

    @BeforeEach
    void setUpContract() {
        clock = MutableClock.at(START);
        users = new InMemoryUserDirectory();
        for (TenantId tenant : new TenantId[] {ACME, GLOBEX}) {
            users.add(tenant, new DirectoryUser("boss", "The Boss", Set.of("managers"), true));
            users.add(tenant, DirectoryUser.of("ayse", "Ayşe Yılmaz", "agents"));
            users.add(tenant, DirectoryUser.of("mehmet", "Mehmet Kaya", "agents"));
            users.add(tenant, DirectoryUser.of("zeynep", "Zeynep Demir", "finance"));
        }
        storage = newStorage();
        gateway = new RecordingMessageGateway();
        blobs = new TrackingBlobStore(storage.defaultBlobStore().orElseThrow(() ->
                new AssertionError("the adapter's storage has no blob store of its own (Storage.defaultBlobStore)")));
        crm = Crm.builder(storage).userDirectory(users).clock(clock).messageGateway(gateway).blobStore(blobs).build();
        admin = new Actor("boss", ACME, true, Set.of("managers"));
        otherAdmin = new Actor("boss", GLOBEX, true, Set.of("managers"));
    }

    /**
     * Checks, after every test, what must hold in any storage whatever the test did: paging
     * through all customers of each tenant yields each exactly once and as many as {@code count}
     * says, every customer is found by its primary phone and by a search for it, and no two
     * customers share a primary phone. Adapters may add their own checks by overriding and
     * calling this.
     */
    @AfterEach
    protected void verifyInvariants() {
        if (crm == null) {
            return;
        }
        for (Actor tenantAdmin : new Actor[] {admin, otherAdmin}) {
            var seenIds = new HashSet<Long>();
            var seenPhones = new HashSet<String>();
            String cursor = null;
            do {
                Page<Customer> page = crm.customers().search(tenantAdmin,
                        CustomerQuery.builder().limit(200).cursor(cursor).build());
                for (Customer c : page.items()) {
                    if (!seenIds.add(c.id())) {
                        throw new AssertionError("customer " + c.id() + " listed twice");
                    }
                    if (!seenPhones.add(c.phone().e164())) {
                        throw new AssertionError("two customers have " + c.phone());
                    }
                    var byPhone = crm.customers().findByPhone(tenantAdmin, c.phone().e164());
                    if (byPhone.isEmpty() || byPhone.get().id() != c.id()) {
                        throw new AssertionError("customer " + c.id() + " is not found by its phone " + c.phone());
                    }
                }
                cursor = page.nextCursor();
            } while (cursor != null);
            long count = crm.customers().count(tenantAdmin, CustomerQuery.all());
            if (count != seenIds.size()) {
                throw new AssertionError("count says " + count + " but paging listed " + seenIds.size());
            }
        }
    }

    /** A non-admin user of ACME in the given groups, granted the given level. */
    protected Actor userWithLevel(String username, PermissionLevel level, String... groups) {
        if (users.find(ACME, username).isEmpty()) {
            users.add(ACME, DirectoryUser.of(username, username, groups));
        }
        crm.permissions().grantUser(admin, username, level);
        return Actor.user(ACME, username, groups);
    }

    /** The work of one of {@link #runTogether}'s threads, numbered from 0. */
    @FunctionalInterface
    protected interface ThreadTask {
        void run(int thread) throws Exception;
    }

    /**
     * Runs the task on the given number of threads, released at once so that they race, and waits
     * for every one (a minute at most each); the first failure is thrown.
     */
    protected static void runTogether(int threads, ThreadTask task) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            java.util.List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    task.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<?> f : futures) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Asserts that the call fails with a library exception of the given type and code. */
    protected static void assertFails(Class<? extends CrmException> type, ErrorCode code, ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).as("the call should fail with " + code).isInstanceOf(type);
        assertThat(((CrmException) t).code()).as("error code of %s", t).isEqualTo(code);
    }

    /** Asserts that the call fails with a library exception of the given code. */
    protected static void assertFails(ErrorCode code, ThrowingCallable call) {
        assertFails(CrmException.class, code, call);
    }

    protected void tick(Duration by) {
        clock.advance(by);
    }

    /** Moves the clock forward by one second. */
    protected void tick() {
        clock.advance(Duration.ofSeconds(1));
    }
}
