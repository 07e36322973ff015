package dev.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ConflictException;
import dev.crmkit.core.Crm;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.Page;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.importjob.OnDuplicate;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.text.TextFolding;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.ImportReport;
import dev.crmkit.importer.Importer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load test on PostgreSQL: several threads mix creates, updates, notes, searches and imports on
 * one tenant for a bounded time, then every invariant is checked against what the threads
 * counted: the customer count adds up, no phone is stored twice, no update is lost (each customer's
 * amount is the number of updates that succeeded on it; the losers got {@code VERSION_CONFLICT}),
 * every timeline holds exactly the notes and changes made and is ordered, every import accounts for
 * every row. Prints operations per second and latency percentiles per operation.
 *
 * <p>{@code -Dcrm.load.seconds=300 -Dcrm.load.threads=16} makes it a longer run.
 */
class LoadTest {

    private static final TenantId TENANT = TenantId.of("load");
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("crm.load.seconds", 15));
    private static final int THREADS = Integer.getInteger("crm.load.threads", 6);
    /** Imports own their numbers (+90542...), so they overlap each other but not the threads' customers. */
    private static final int IMPORT_RANGE = 3_000;
    private static final int IMPORT_ROWS = 100;

    enum Op { CREATE, DUPLICATE, UPDATE, NOTE, SEARCH, IMPORT }

    /** What the threads know about one customer they created. */
    private static final class Tracked {
        final long id;
        final String phone;
        final AtomicLong updates = new AtomicLong();
        final AtomicLong notes = new AtomicLong();

        Tracked(long id, String phone) {
            this.id = id;
            this.phone = phone;
        }
    }

    private final Actor admin = new Actor("boss", TENANT, true, Set.of("managers"));
    private final List<Tracked> tracked = new CopyOnWriteArrayList<>();
    private final Map<Op, List<Long>> latencies = new EnumMap<>(Op.class);
    private final Map<Op, AtomicLong> conflicts = new ConcurrentHashMap<>();
    private final List<ImportReport> imports = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @Test
    void mixedLoadOnOneTenantKeepsEveryInvariant() throws Exception {
        JdbcStorage storage = TestDatabases.emptyPostgresStorage();
        Crm crm = Crm.builder(storage).build();
        Importer importer = Importer.builder(crm).workDir(dir).build();
        for (Op op : Op.values()) {
            latencies.put(op, new CopyOnWriteArrayList<>());
            conflicts.put(op, new AtomicLong());
        }
        // A few customers to update and note from the first moment.
        for (int i = 0; i < THREADS; i++) {
            create(crm, i, -1 - i);
        }

        long deadline = System.nanoTime() + RUN.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                work(crm, importer, thread, deadline);
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        double seconds = RUN.toMillis() / 1000.0;

        report(seconds);
        checkInvariants(crm);
    }

    private void work(Crm crm, Importer importer, int thread, long deadline) throws IOException {
        Random random = new Random(thread * 7919L);
        int seq = 0;
        while (System.nanoTime() < deadline) {
            int dice = random.nextInt(100);
            if (dice < 20) {
                timed(Op.CREATE, () -> create(crm, thread, 0));
            } else if (dice < 22) {
                Tracked victim = pick(random);
                timed(Op.DUPLICATE, () -> {
                    try {
                        crm.customers().create(admin, NewCustomer.builder("Kopya", victim.phone).build());
                        throw new AssertionError("a second customer with " + victim.phone + " was stored");
                    } catch (ConflictException e) {
                        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_PHONE);
                    }
                });
            } else if (dice < 52) {
                Tracked t = pick(random);
                timed(Op.UPDATE, () -> increment(crm, t));
            } else if (dice < 70) {
                Tracked t = pick(random);
                timed(Op.NOTE, () -> {
                    crm.activities().addNote(admin, t.id, "Not " + thread);
                    t.notes.incrementAndGet();
                });
            } else if (dice < 97) {
                String term = random.nextBoolean() ? "yük " + random.nextInt(THREADS) : "testi";
                timed(Op.SEARCH, () -> {
                    Page<Customer> page = crm.customers().search(admin, CustomerQuery.builder().text(term).limit(20).build());
                    String folded = TextFolding.fold(term.split(" ")[0]);
                    assertThat(page.items()).allSatisfy(c -> assertThat(TextFolding.fold(c.fullName())).contains(folded));
                });
            } else {
                Path file = dir.resolve("import-" + thread + "-" + seq++ + ".csv");
                writeImport(file, random);
                OnDuplicate mode = random.nextBoolean() ? OnDuplicate.SKIP : OnDuplicate.UPDATE;
                timed(Op.IMPORT, () -> imports.add(importer.importFile(admin, file,
                        ImportOptions.builder().onDuplicate(mode).chunkSize(50).build())));
            }
        }
    }

    private void create(Crm crm, int thread, int fixedSeq) {
        // +90 53t nnnnnnn: each thread its own numbers, unique within the run.
        long n = fixedSeq < 0 ? -fixedSeq : CREATED.incrementAndGet() + 100;
        String phone = String.format(Locale.ROOT, "+9053%d%07d", thread % 10, n);
        Customer c = crm.customers().create(admin, NewCustomer.builder("Yük " + thread + " Testi " + n, phone)
                .totalAmount(BigDecimal.ZERO).build());
        tracked.add(new Tracked(c.id(), phone));
    }

    private static final AtomicLong CREATED = new AtomicLong();

    /** Adds one to the customer's amount with the version read; a conflict is counted, not retried. */
    private void increment(Crm crm, Tracked t) {
        Customer c = crm.customers().get(admin, t.id);
        try {
            crm.customers().update(admin, CustomerUpdate.of(c).totalAmount(c.totalAmount().add(BigDecimal.ONE)).build());
            t.updates.incrementAndGet();
        } catch (ConflictException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.VERSION_CONFLICT);
            conflicts.get(Op.UPDATE).incrementAndGet();
        }
    }

    private Tracked pick(Random random) {
        return tracked.get(random.nextInt(tracked.size()));
    }

    private static void writeImport(Path file, Random random) throws IOException {
        int start = random.nextInt(IMPORT_RANGE - IMPORT_ROWS);
        StringBuilder csv = new StringBuilder("Ad Soyad;Telefon;Şirket\n");
        for (int i = 0; i < IMPORT_ROWS - 2; i++) {
            int n = start + i;
            csv.append("İthal Kişi ").append(n).append(';').append(String.format(Locale.ROOT, "0542 2%02d %04d", n / 10_000, n % 10_000))
                    .append(";Firma ").append(random.nextInt(5)).append('\n');
        }
        csv.append("Bozuk Numara;12;x\n").append(";0542 000 0001;eksik ad\n");
        Files.writeString(file, csv, Charset.forName("windows-1254"));
    }

    private void timed(Op op, Runnable action) {
        long start = System.nanoTime();
        action.run();
        latencies.get(op).add(System.nanoTime() - start);
    }

    private void report(double seconds) {
        System.out.printf(Locale.ROOT, "%nLoad on PostgreSQL: %d threads, %.0f s%n", THREADS, seconds);
        System.out.printf(Locale.ROOT, "%-10s %8s %9s %9s %9s %9s%n", "operation", "count", "ops/s", "p50 ms", "p99 ms",
                "conflicts");
        long total = 0;
        for (Op op : Op.values()) {
            long[] nanos = latencies.get(op).stream().mapToLong(Long::longValue).sorted().toArray();
            total += nanos.length;
            System.out.printf(Locale.ROOT, "%-10s %8d %9.1f %9.2f %9.2f %9d%n", op, nanos.length, nanos.length / seconds,
                    percentile(nanos, 0.50) / 1e6, percentile(nanos, 0.99) / 1e6, conflicts.get(op).get());
        }
        System.out.printf(Locale.ROOT, "%-10s %8d %9.1f%n", "all", total, total / seconds);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private void checkInvariants(Crm crm) {
        assertThat(latencies.get(Op.UPDATE)).as("updates ran").isNotEmpty();
        assertThat(imports).as("imports ran").isNotEmpty();

        // Every import accounted for every row, and ended.
        long imported = 0;
        for (ImportReport r : imports) {
            assertThat(r.job().status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(r.job().rows()).isEqualTo(IMPORT_ROWS);
            assertThat(r.job().created() + r.job().updated() + r.job().skipped() + r.job().rejected())
                    .isEqualTo(r.job().rows());
            assertThat(r.job().rejected()).isEqualTo(2);
            imported += r.job().created();
        }

        // The count adds up and paging lists each customer once with a phone no one else has.
        long count = crm.customers().count(admin, CustomerQuery.all());
        assertThat(count).isEqualTo(tracked.size() + imported);
        Set<Long> ids = new HashSet<>();
        Set<String> phones = new HashSet<>();
        String cursor = null;
        do {
            Page<Customer> page = crm.customers().search(admin, CustomerQuery.builder().limit(200).cursor(cursor).build());
            for (Customer c : page.items()) {
                assertThat(ids.add(c.id())).as("customer %s listed twice", c.id()).isTrue();
                assertThat(phones.add(c.phone().e164())).as("phone %s stored twice", c.phone()).isTrue();
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(ids).hasSize((int) count);
        assertThat(phones).containsAll(tracked.stream().map(t -> t.phone).toList());

        // No update lost, every timeline complete and ordered newest first.
        for (Tracked t : tracked) {
            Customer c = crm.customers().get(admin, t.id);
            assertThat(c.totalAmount()).as("amount of %s", t.id).isEqualByComparingTo(BigDecimal.valueOf(t.updates.get()));
            List<Activity> timeline = new ArrayList<>();
            ActivityQuery query = ActivityQuery.newest(100);
            while (true) {
                Page<Activity> page = crm.activities().timeline(admin, t.id, query);
                timeline.addAll(page.items());
                if (page.nextCursor() == null) {
                    break;
                }
                query = query.after(page.nextCursor());
            }
            assertThat(timeline.stream().filter(a -> a.type() == ActivityType.NOTE).count())
                    .as("notes of %s", t.id).isEqualTo(t.notes.get());
            assertThat(timeline.stream().filter(a -> a.changes().stream().anyMatch(ch -> ch.field().equals("totalAmount")))
                    .count()).as("logged updates of %s", t.id).isEqualTo(t.updates.get());
            assertThat(timeline.stream().filter(a -> "created".equals(a.data().get("event"))).count()).isEqualTo(1);
            long[] activityIds = timeline.stream().mapToLong(Activity::id).toArray();
            long[] descending = Arrays.stream(activityIds).boxed().sorted((a, b) -> Long.compare(b, a))
                    .mapToLong(Long::longValue).distinct().toArray();
            assertThat(activityIds).as("timeline of %s newest first, no repeats", t.id).containsExactly(descending);
            for (int i = 1; i < timeline.size(); i++) {
                assertThat(timeline.get(i).at()).isBeforeOrEqualTo(timeline.get(i - 1).at());
            }
        }
    }
}
