package dev.crmkit.bench.importing;

import static dev.crmkit.bench.importing.Console.say;

import dev.crmkit.core.Actor;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.spi.SearchTerm;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The JDBC import benchmark: the library's end-to-end import into {@code JdbcStorage}, with the
 * floors and the peer measured in the same process, on the same file, against the same database.
 * A whole-process harness, not JMH, since an import is one long run.
 *
 * <pre>
 * java -Xmx2g -cp crm-bench/target/benchmarks.jar dev.crmkit.bench.importing.JdbcImportBenchmark postgres 1000000
 * java -Xmx2g -cp crm-bench/target/benchmarks.jar dev.crmkit.bench.importing.JdbcImportBenchmark sqlite 1000000
 * </pre>
 *
 * <p>{@code postgres} starts an embedded PostgreSQL (a pool of {@value BenchDatabase#POOL_SIZE})
 * and times, each on an emptied schema: (1) COPY of the file's rows cleaned beforehand into
 * {@code crm_customer} and, for reference, into a copy of it without indexes; (3) a Spring Batch
 * job doing the same import; (2) the library's import; then (4) the library's import of a second
 * file into the store that holds the first (new numbers, plus about 10% of the first file's);
 * then (5) search and phone lookup on the store and (6) the plans of their statements.
 * {@code sqlite} uses a SQLite file database in the data folder ({@code sqlite/bench.db}, new for
 * every run, in WAL mode), as the command line tool keeps its store: batched INSERTs of the cleaned
 * rows into {@code crm_customer} itself (the columns SQLite's schema has, with the table's unique
 * phone index and sort indexes; no search keys, see {@link BatchInsertBaseline}), the library's
 * import and the Spring Batch job. Every path is run once on a small file first to warm up. A rate is data
 * rows of the file per second of the timed part, so that every figure is about the same file.
 *
 * <p>Files are generated once under {@code crm-bench/target/bench-data} (or the folder given as
 * the third argument) and reused; the first is the one {@link ImportBenchmark} reads.
 */
public final class JdbcImportBenchmark {

    static final String TENANT = "acme";
    static final Actor ADMIN = Actor.admin(TenantId.of(TENANT), "boss");
    /** {@link ImportBenchmark}'s seed: both read the same file. */
    static final long SEED = 20261122L;
    static final int WARMUP_ROWS = 20_000;

    /**
     * What to run.
     *
     * @param warmupRows rows of the file each path is run on once before the timed runs; 0 for none
     */
    record Settings(int rows, Path dir, int warmupRows, StoreQueries.Sampling sampling) {
    }

    /**
     * Counts of a run, for checking it (the figures are printed).
     *
     * @param expected what the first file holds, cleaned
     * @param baselineStored customers the baseline stored
     * @param peerStored customers the Spring Batch job stored
     * @param library the library's import of the first file
     * @param libraryStored customers stored after it
     * @param expectedSecond what the second file adds to the store holding the first, or null (sqlite)
     * @param second the library's import of the second file, or null (sqlite)
     * @param storedAfterSecond customers stored after it, or -1 (sqlite)
     * @param failedChecks descriptions of counts that were not as expected
     */
    record Result(CleanRows expected, long baselineStored, SpringBatchPeer.Outcome peer, long peerStored,
                  LibraryImport.Timed library, long libraryStored, CleanRows expectedSecond,
                  LibraryImport.Timed second, long storedAfterSecond, List<String> failedChecks) {
    }

    private final Settings settings;
    private final List<String> summary = new ArrayList<>();
    private final List<String> failedChecks = new ArrayList<>();

    private JdbcImportBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "postgres";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path dir = Path.of(args.length > 2 ? args[2] : "crm-bench/target/bench-data");
        Settings settings = new Settings(rows, dir, Math.min(rows, WARMUP_ROWS), StoreQueries.Sampling.DEFAULT);
        String collectors = String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList());
        say("JDBC import benchmark: %s, %,d rows, %d cores, max heap %,d MB, collectors %s", mode, rows,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, collectors);
        Result result = switch (mode) {
            case "postgres" -> postgres(settings);
            case "sqlite" -> sqlite(settings);
            default -> throw new IllegalArgumentException("modes: postgres, sqlite");
        };
        if (!result.failedChecks().isEmpty()) {
            System.exit(1);
        }
    }

    // ---- PostgreSQL

    static Result postgres(Settings s) throws Exception {
        return new JdbcImportBenchmark(s).runPostgres();
    }

    private Result runPostgres() throws Exception {
        Path first = firstFile(settings.rows());
        Path second = file("customers-" + settings.rows() + "-second.csv", settings.rows(), SEED + 1,
                settings.rows(), settings.rows());
        try (BenchDatabase db = BenchDatabase.postgres()) {
            DataSource ds = db.dataSource();
            String database = db.describe();
            say("database: %s", database);
            CleanRows clean = clean(first);
            if (settings.warmupRows() > 0) {
                warmUpPostgres(db, firstFile(settings.warmupRows()));
            }
            int fileRows = clean.fileRows();
            header("postgres", clean, database);

            // (1) The floor: COPY of the rows cleaned beforehand.
            db.empty();
            CustomerColumns.Run run = new CustomerColumns.Run(TENANT, Instant.now());
            CopyBaseline.Payload payload = CopyBaseline.encode(clean.rows(), run);
            say("COPY payload built (not timed): %,d rows, %,d bytes", payload.rows(), payload.bytes());
            double copy = CopyBaseline.copy(ds, CustomerColumns.TABLE, payload);
            long copyStored = db.count(CustomerColumns.TABLE);
            check("COPY stored", copyStored, clean.created());
            CopyBaseline.createUnindexed(ds);
            double copyUnindexed = CopyBaseline.copy(ds, CopyBaseline.UNINDEXED, payload);
            CopyBaseline.dropUnindexed(ds);
            payload = null;
            double copyRate = fileRows / copy;
            line("COPY into crm_customer, every index (baseline)", copyRate,
                    String.format(Locale.ROOT, "%.2f s, %,d stored", copy, copyStored));
            line("COPY into a copy without indexes (reference)", fileRows / copyUnindexed,
                    String.format(Locale.ROOT, "%.2f s; the indexes cost %.2f x the bare COPY",
                            copyUnindexed, copy / copyUnindexed));

            // (3) The peer: Spring Batch.
            db.empty();
            SpringBatchPeer.Outcome peer = SpringBatchPeer.run(ds, first, TENANT, true);
            long peerStored = db.count(CustomerColumns.TABLE);
            check("Spring Batch stored", peerStored, clean.created());
            double peerRate = fileRows / peer.seconds();
            line("Spring Batch 5.2 job, JdbcBatchItemWriter (peer)", peerRate,
                    String.format(Locale.ROOT, "%.2f s, %,d stored, %,d filtered; = %.2f x COPY", peer.seconds(),
                            peerStored, peer.filtered(), peerRate / copyRate));

            // (2) The library end to end.
            db.empty();
            LibraryImport library = new LibraryImport(ds, settings.dir().resolve("work"));
            LibraryImport.Timed imported = library.run(ADMIN, first);
            long libraryStored = db.count(CustomerColumns.TABLE);
            check("import created", imported.report().created(), clean.created());
            check("import stored", libraryStored, clean.created());
            double libraryRate = fileRows / imported.seconds();
            line("library import, Importer into JdbcStorage", libraryRate,
                    String.format(Locale.ROOT, "%.2f s, created %,d, rejected %,d; = %.3f x COPY, %.2f x Spring Batch",
                            imported.seconds(), imported.report().created(), imported.report().rejected(),
                            libraryRate / copyRate, libraryRate / peerRate));

            // (4) A second file into the store that holds the first.
            Set<String> stored = clean.phones();
            CleanRows expectSecond = CleanRows.count(second, stored::contains);
            stored = null;
            say("second file, cleaned: %s", expectSecond);
            LibraryImport.Timed secondImport = library.run(ADMIN, second);
            long afterSecond = db.count(CustomerColumns.TABLE);
            check("second import created", secondImport.report().created(), expectSecond.created());
            check("stored after the second import", afterSecond, (long) clean.created() + expectSecond.created());
            line("library import of a second file into " + String.format(Locale.ROOT, "%,d", libraryStored),
                    expectSecond.fileRows() / secondImport.seconds(),
                    String.format(Locale.ROOT, "%.2f s, created %,d, rejected %,d (%,d already stored); = %.2f x the first",
                            secondImport.seconds(), secondImport.report().created(), secondImport.report().rejected(),
                            expectSecond.stored(), (expectSecond.fileRows() / secondImport.seconds()) / libraryRate));

            // (5) Reads of the store.
            db.execute("ANALYZE " + CustomerColumns.TABLE);
            summary.add(String.format(Locale.ROOT, "reads of the store of %,d customers (after ANALYZE), page of %d:",
                    afterSecond, StoreQueries.PAGE));
            CleanRow probe = clean.rows().get(clean.rows().size() * 7 / 9);
            String national = "0" + probe.phone().substring(3);
            String whole = national.substring(0, 4) + " " + national.substring(4, 7) + " " + national.substring(7, 9)
                    + " " + national.substring(9);
            String fragment = national.substring(0, 4) + " " + national.substring(4, 7);
            List<String> texts = List.of("ayse", "kaya istanbul", fragment, whole, "karaosmanoglu");
            for (String text : texts) {
                StoreQueries.Timing t = StoreQueries.search(library.crm(), ADMIN, text, settings.sampling());
                timingLine(t, "ms", 1e3);
            }
            List<String> numbers = lookupNumbers(clean);
            StoreQueries.Timing lookup = StoreQueries.findByPhone(library.crm(), ADMIN, numbers, settings.sampling());
            timingLine(lookup, "µs", 1);

            // (6) The plans.
            explain(db, texts, probe.phone(), numbers);
            printSummary();
            return new Result(clean, copyStored, peer, peerStored, imported, libraryStored, expectSecond,
                    secondImport, afterSecond, List.copyOf(failedChecks));
        }
    }

    private void warmUpPostgres(BenchDatabase db, Path file) throws Exception {
        long t0 = System.nanoTime();
        DataSource ds = db.dataSource();
        CleanRows clean = CleanRows.read(file, n -> false);
        db.empty();
        CopyBaseline.copy(ds, CustomerColumns.TABLE,
                CopyBaseline.encode(clean.rows(), new CustomerColumns.Run(TENANT, Instant.now())));
        db.empty();
        SpringBatchPeer.run(ds, file, TENANT, true);
        db.empty();
        new LibraryImport(ds, settings.dir().resolve("work")).run(ADMIN, file);
        db.empty();
        say("warmed up every path on %s in %.1f s", file.getFileName(), (System.nanoTime() - t0) / 1e9);
    }

    /** A thousand numbers of stored customers, in E.164, in random order. */
    private static List<String> lookupNumbers(CleanRows clean) {
        Random random = new Random(42);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            numbers.add(clean.rows().get(random.nextInt(clean.rows().size())).phone());
        }
        return numbers;
    }

    private void explain(BenchDatabase db, List<String> texts, String e164, List<String> chunk) throws SQLException {
        say("");
        say("==== plans (EXPLAIN (ANALYZE, BUFFERS) of the adapter's statements with the values written in)");
        for (String text : texts) {
            List<SearchTerm> terms = StoreQueries.terms(text);
            String sql = StoreQueries.searchSql(TENANT, terms);
            plan("search '" + text + "', terms " + StoreQueries.describe(terms), "EXPLAIN (ANALYZE, BUFFERS) " + sql, db);
        }
        plan("findByPhone " + e164, "EXPLAIN (ANALYZE, BUFFERS) " + StoreQueries.lookupSql(TENANT, e164), db);
        String lookup = StoreQueries.chunkLookupSql(TENANT, chunk);
        say("-- an import chunk's look-up of its %,d numbers (findIdsByPhones)", chunk.size());
        say("   EXPLAIN (ANALYZE, BUFFERS) %s", lookup.substring(0, lookup.indexOf("ARRAY[") + 6) + "...]::varchar[])");
        for (String line : db.lines("EXPLAIN (ANALYZE, BUFFERS) " + lookup)) {
            say("   %s", cut(line));
        }
        // The driver prepares a statement on the server after a few runs, and the server may then
        // switch to a plan made without the values, the same for every term: that is the plan
        // such a search gets. Shown for a frequent term and for one that matches nobody.
        genericPlan(db, texts.get(0));
        genericPlan(db, texts.get(texts.size() - 1));
        // An import runs its chunk look-up on one connection over and over.
        String array = lookup.substring(lookup.indexOf("ARRAY["), lookup.lastIndexOf(')'));
        genericPlan(db, "the chunk look-up", "SELECT primary_phone, id FROM crm_customer WHERE tenant = $1"
                + " AND primary_phone = ANY ($2)", StoreQueries.literal(TENANT) + ", " + array);
    }

    private static void genericPlan(BenchDatabase db, String text) throws SQLException {
        List<SearchTerm> terms = StoreQueries.terms(text);
        String args = StoreQueries.literal(TENANT) + ", " + StoreQueries.literal(StoreQueries.tsquery(TENANT, terms))
                + ", " + StoreQueries.PAGE;
        genericPlan(db, "search '" + text + "'", StoreQueries.searchSqlWithParameters(), args);
    }

    /** EXPLAIN of a statement prepared on the server, with the plan made without its values. */
    private static void genericPlan(BenchDatabase db, String title, String prepared, String args) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("PREPARE bench_plan AS " + prepared);
            try {
                st.execute("SET plan_cache_mode = force_generic_plan");
                String sql = "EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_plan(" + args + ")";
                say("-- %s as a prepared statement, generic plan (plan_cache_mode = force_generic_plan)", title);
                say("   PREPARE bench_plan AS %s", prepared);
                say("   %s", cut(sql));
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        say("   %s", cut(rs.getString(1)));
                    }
                }
            } finally {
                st.execute("RESET plan_cache_mode");
                st.execute("DEALLOCATE bench_plan");
            }
        }
    }

    private static void plan(String title, String sql, BenchDatabase db) throws SQLException {
        say("-- %s", title);
        say("   %s", sql);
        for (String line : db.lines(sql)) {
            say("   %s", cut(line));
        }
    }

    /** A plan line, cut where it lists a chunk's thousand numbers. */
    private static String cut(String line) {
        return line.length() > 240 ? line.substring(0, 240) + "..." : line;
    }

    // ---- SQLite

    static Result sqlite(Settings s) throws Exception {
        return new JdbcImportBenchmark(s).runSqlite();
    }

    private Result runSqlite() throws Exception {
        Path first = firstFile(settings.rows());
        try (BenchDatabase db = BenchDatabase.sqliteFile(settings.dir().resolve("sqlite"))) {
            DataSource ds = db.dataSource();
            String database = db.describe();
            say("database: %s", database);
            CleanRows clean = clean(first);
            if (settings.warmupRows() > 0) {
                warmUpSqlite(db, firstFile(settings.warmupRows()));
            }
            int fileRows = clean.fileRows();
            header("sqlite", clean, database);

            db.empty();
            double insert = BatchInsertBaseline.insert(ds, false, clean.rows(),
                    new CustomerColumns.Run(TENANT, Instant.now()));
            long insertStored = db.count(CustomerColumns.TABLE);
            check("batched INSERT stored", insertStored, clean.created());
            double insertRate = fileRows / insert;
            line("batched INSERT into crm_customer (baseline)", insertRate,
                    String.format(Locale.ROOT, "%.2f s, %,d stored, %d rows a batch", insert, insertStored,
                            BatchInsertBaseline.BATCH));

            db.empty();
            LibraryImport library = new LibraryImport(ds, settings.dir().resolve("work"));
            LibraryImport.Timed imported = library.run(ADMIN, first);
            long libraryStored = db.count(CustomerColumns.TABLE);
            check("import created", imported.report().created(), clean.created());
            check("import stored", libraryStored, clean.created());
            double libraryRate = fileRows / imported.seconds();
            line("library import, Importer into JdbcStorage", libraryRate,
                    String.format(Locale.ROOT, "%.2f s, created %,d, rejected %,d; = %.3f x batched INSERT",
                            imported.seconds(), imported.report().created(), imported.report().rejected(),
                            libraryRate / insertRate));

            db.empty();
            SpringBatchPeer.Outcome peer = SpringBatchPeer.run(ds, first, TENANT, false);
            long peerStored = db.count(CustomerColumns.TABLE);
            check("Spring Batch stored", peerStored, clean.created());
            double peerRate = fileRows / peer.seconds();
            line("Spring Batch 5.2 job (peer, for reference)", peerRate,
                    String.format(Locale.ROOT, "%.2f s, %,d stored; library = %.2f x Spring Batch", peer.seconds(),
                            peerStored, libraryRate / peerRate));
            db.empty();
            printSummary();
            return new Result(clean, insertStored, peer, peerStored, imported, libraryStored, null, null, -1,
                    List.copyOf(failedChecks));
        }
    }

    private void warmUpSqlite(BenchDatabase db, Path file) throws Exception {
        long t0 = System.nanoTime();
        DataSource ds = db.dataSource();
        CleanRows clean = CleanRows.read(file, n -> false);
        db.empty();
        BatchInsertBaseline.insert(ds, false, clean.rows(), new CustomerColumns.Run(TENANT, Instant.now()));
        db.empty();
        new LibraryImport(ds, settings.dir().resolve("work")).run(ADMIN, file);
        db.empty();
        SpringBatchPeer.run(ds, file, TENANT, false);
        db.empty();
        say("warmed up every path on %s in %.1f s", file.getFileName(), (System.nanoTime() - t0) / 1e9);
    }

    // ---- files and output

    private Path firstFile(int rows) throws IOException {
        return file("customers-" + rows + ".csv", rows, SEED, 0, 0);
    }

    private Path file(String name, int rows, long seed, int phoneOffset, int storedRows) throws IOException {
        Files.createDirectories(settings.dir());
        Path f = settings.dir().resolve(name);
        if (!Files.exists(f)) {
            long t0 = System.nanoTime();
            Path tmp = settings.dir().resolve(name + ".tmp");
            ImportFileGenerator.csv(tmp, rows, seed, phoneOffset, storedRows);
            Files.move(tmp, f);
            say("generated %s (%,d bytes) in %.1f s", name, Files.size(f), (System.nanoTime() - t0) / 1e9);
        }
        return f;
    }

    private static CleanRows clean(Path file) throws IOException {
        long t0 = System.nanoTime();
        CleanRows clean = CleanRows.read(file, n -> false);
        say("cleaned %s in Java (not timed) in %.1f s: %s", file.getFileName(), (System.nanoTime() - t0) / 1e9, clean);
        return clean;
    }

    private void header(String mode, CleanRows clean, String database) {
        summary.add(String.format(Locale.ROOT, "JDBC import benchmark, %s: %,d rows, %,d of them valid with a number"
                        + " of their own; %s; %d cores, max heap %,d MB", mode, clean.fileRows(), clean.created(),
                database, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
        summary.add("rates are data rows of the file per second of the timed part");
    }

    private void line(String what, double rate, String detail) {
        String text = String.format(Locale.ROOT, "%-52s %,12.0f rows/s   (%s)", what, rate, detail);
        say("%s", text);
        summary.add(text);
    }

    private void timingLine(StoreQueries.Timing t, String unit, double scale) {
        String text = String.format(Locale.ROOT, "%-52s p50 %,10.3f %s  p99 %,10.3f %s  (%d samples%s)", t.what(),
                t.p50Micros() / scale, unit, t.p99Micros() / scale, unit, t.samples(),
                t.matches() < 0 ? "" : String.format(Locale.ROOT, ", %,d matches", t.matches()));
        say("%s", text);
        summary.add(text);
    }

    private void check(String what, long actual, long expected) {
        if (actual != expected) {
            String text = String.format(Locale.ROOT, "CHECK FAILED: %s %,d, expected %,d", what, actual, expected);
            say("%s", text);
            failedChecks.add(text);
            summary.add(text);
        }
    }

    private void printSummary() {
        say("");
        say("==== summary");
        summary.forEach(line -> say("%s", line));
        if (failedChecks.isEmpty()) {
            say("every count as expected");
        }
    }
}
