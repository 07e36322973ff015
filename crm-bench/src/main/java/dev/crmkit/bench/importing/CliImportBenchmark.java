package dev.crmkit.bench.importing;

import static dev.crmkit.bench.importing.Console.check;
import static dev.crmkit.bench.importing.Console.say;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.jdbc.JdbcStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The command line tool as a user runs it, on its default store (a SQLite file under
 * {@code ./crm-data}), timed as whole processes (JVM start included), beside baselines measured in
 * the same run:
 * <ul>
 *   <li>{@code crm import FILE} of the generated mixed CSV into a new store, against a batched
 *       INSERT of the same rows, cleaned beforehand (not timed), into a plain SQLite table with a
 *       unique phone index: the same driver, the same durability settings (WAL, the driver's
 *       {@code synchronous}), a commit per 1,000 rows;
 *   <li>the store's size on disk per stored customer;
 *   <li>{@code crm customers search TEXT} for each benchmark query against a bare {@code crm
 *       --version} (the JVM's start and the tool's loading), both the best of three runs;
 *   <li>the same searches in one process on the store (steady state): p50 and p99 of 50 runs each;
 *   <li>{@code crm --store memory import FILE}, the in-memory store, whole process.
 * </ul>
 *
 *
 * <p>With {@code postgres} as the first argument, the same file through {@code crm --store
 * jdbc:postgresql:...} into an embedded PostgreSQL with {@code fsync} and {@code
 * synchronous_commit} on, beside, in the same run: a Spring Batch 5.2 job loading it (same
 * normalisation, chunks of 1,000) into a plain table of the same columns with only a unique phone
 * index, and COPY of the cleaned rows into that plain table and into the library's own table; then
 * the searches (p50 and p99 in one process), phone look-ups, and a small tenant's searches beside
 * the big one; last, the same import as a database user the server refuses {@code
 * gin_clean_pending_list} to, so that the search index's pending list is merged inside the
 * importing process as it was before the adapter merged it beside the import.
 *
 * <pre>
 * mvn -B -q package -pl crm-cli,crm-bench -am -DskipTests
 * java -Xmx2g -cp crm-bench/target/benchmarks.jar dev.crmkit.bench.importing.CliImportBenchmark 1000000
 * java -Xmx2g -cp crm-bench/target/benchmarks.jar dev.crmkit.bench.importing.CliImportBenchmark postgres 1000000
 * </pre>
 * Arguments: [postgres] rows (default 1,000,000), the data folder (default {@code
 * crm-bench/target/bench-data}), the tool's jar (default {@code crm-cli/target/crm-cli.jar}).
 */
public final class CliImportBenchmark {

    /**
     * The searches timed, as a user types them: names, a company word, an e-mail, phone starts (of
     * 10,000, 100 and 10 of a million numbers), last digits (25 numbers), a whole number, a name
     * nobody has.
     */
    static final List<String> QUERIES = List.of("ayse", "kaya istanbul", "mehmet yilmaz", "ozdemir", "lojistik",
            "ayse.1234", "0532 000 0", "0555 000 12", "+90 530 000 12 3", "000 12 34", "0532 000 12 34",
            "karaosmanoglu");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int rows;
    private final Path dir;
    private final Path jar;
    private final List<String> summary = new ArrayList<>();

    private CliImportBenchmark(int rows, Path dir, Path jar) {
        this.rows = rows;
        this.dir = dir;
        this.jar = jar;
    }

    public static void main(String[] args) throws Exception {
        boolean postgres = args.length > 0 && args[0].equals("postgres");
        if (postgres) {
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "crm-bench/target/bench-data").toAbsolutePath();
        Path jar = Path.of(args.length > 2 ? args[2] : "crm-cli/target/crm-cli.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("the tool's jar is not at " + jar + ": build it with"
                    + " mvn -B -q package -pl crm-cli -am -DskipTests");
        }
        CliImportBenchmark benchmark = new CliImportBenchmark(rows, dir, jar);
        if (postgres) {
            benchmark.runPostgres();
        } else {
            benchmark.run();
        }
    }

    private Path file() throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("customers-" + rows + ".csv");
        if (!Files.exists(file)) {
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            ImportFileGenerator.csv(tmp, rows, JdbcImportBenchmark.SEED);
            Files.move(tmp, file);
        }
        return file;
    }

    /** The plain table of the PostgreSQL baselines: crm_customer's columns, a primary key and a unique phone index. */
    private static final String PLAIN = "plain_customer";

    private void runPostgres() throws Exception {
        Path file = file();
        say("CLI benchmark on PostgreSQL: %,d rows (%,d bytes), %d cores, tool %s", rows, Files.size(file),
                Runtime.getRuntime().availableProcessors(), jar);
        CleanRows clean = CleanRows.read(file, n -> false);
        say("cleaned in Java (not timed): %s", clean);
        try (BenchDatabase db = BenchDatabase.durablePostgres()) {
            say("database: %s", db.describe());
            javax.sql.DataSource ds = db.dataSource();
            CustomerColumns.Run run = new CustomerColumns.Run("default", java.time.Instant.now());
            CopyBaseline.Payload payload = CopyBaseline.encode(clean.rows(), run);

            plainTable(db);
            double copyPlain = CopyBaseline.copy(ds, PLAIN, payload);
            line("COPY of the cleaned rows into a plain table, unique phone", clean.fileRows() / copyPlain,
                    String.format(Locale.ROOT, "%.2f s", copyPlain));
            db.empty();
            double copyLibrary = CopyBaseline.copy(ds, CustomerColumns.TABLE, payload);
            line("COPY of the cleaned rows into crm_customer, every index", clean.fileRows() / copyLibrary,
                    String.format(Locale.ROOT, "%.2f s", copyLibrary));
            payload = null;
            db.empty();

            plainTable(db);
            SpringBatchPeer.Outcome peer = SpringBatchPeer.run(ds, file, "default", true, PLAIN);
            double peerRate = clean.fileRows() / peer.seconds();
            check(db.count(PLAIN) == clean.created(), "Spring Batch stored " + db.count(PLAIN));
            line("Spring Batch 5.2 job into the plain table (in-process)", peerRate,
                    String.format(Locale.ROOT, "%.2f s, %,d written", peer.seconds(), peer.written()));
            db.execute("DROP TABLE " + PLAIN);

            String url = db.postgresUrl();
            double importSeconds = cliImport(fresh(dir.resolve("cli-postgres")), url, clean);
            double importRate = clean.fileRows() / importSeconds;
            line("crm --store jdbc:postgresql:... import (whole process)", importRate,
                    String.format(Locale.ROOT, "%.2f s; = %.2f x Spring Batch, %.3f x COPY into the plain table,"
                                    + " %.3f x COPY into crm_customer", importSeconds, importRate / peerRate,
                            importRate / (clean.fileRows() / copyPlain), importRate / (clean.fileRows() / copyLibrary)));
            Path work = dir.resolve("cli-postgres");

            db.execute("ANALYZE");
            Crm crm = Crm.builder(JdbcStorage.builder(ds).build()).build();
            Actor admin = Actor.admin(TenantId.of("default"), "admin");
            searches(crm, admin, QUERIES, "");
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                numbers.add(clean.rows().get((int) ((long) i * 7919 % clean.rows().size())).phone());
            }
            StoreQueries.Timing lookup = StoreQueries.findByPhone(crm, admin, numbers, StoreQueries.Sampling.DEFAULT);
            summary.add(String.format(Locale.ROOT, "%-62s %14s", "phone look-up in-process p50 / p99",
                    String.format(Locale.ROOT, "%.3f / %.3f ms", lookup.p50Micros() / 1e3, lookup.p99Micros() / 1e3)));

            // A small tenant beside the big one: 2,000 customers of its own.
            Path small = dir.resolve("customers-small-2000.csv");
            if (!Files.exists(small)) {
                ImportFileGenerator.csv(small, 2000, JdbcImportBenchmark.SEED + 7);
            }
            Actor smallAdmin = Actor.admin(TenantId.of("small"), "admin");
            dev.crmkit.importer.Importer.builder(crm).workDir(work).build()
                    .importFile(smallAdmin, small, dev.crmkit.importer.ImportOptions.defaults());
            db.execute("ANALYZE");
            searches(crm, smallAdmin, QUERIES, " (tenant of 2,000 beside 1M)");

            db.empty();
            // The same import with the search index's pending list merged inside the importing
            // process, as before the adapter merged it beside the import: as a user the server
            // refuses that merge to (the adapter then leaves it to the server).
            db.execute(REFUSED_MERGE_USER);
            String refusedUrl = url.replaceAll("([?&])user=[^&]*", "$1user=" + REFUSED_USER);
            check(mergeRefused(refusedUrl), "the server refused " + REFUSED_USER + " the merge");
            double refusedSeconds = cliImport(fresh(dir.resolve("cli-postgres")), refusedUrl, clean);

            line("crm import, the GIN merge left in the import's own process", clean.fileRows() / refusedSeconds,
                    String.format(Locale.ROOT, "%.2f s; = %.2f x Spring Batch (the import above merges beside)",
                            refusedSeconds, clean.fileRows() / refusedSeconds / peerRate));
        }
        say("");
        say("summary (%,d rows, PostgreSQL):", rows);
        summary.forEach(l -> say("  %s", l));
    }

    /** A user of the benchmark's database who may change every table's rows but not merge the GIN index. */
    private static final String REFUSED_USER = "bench_no_merge";

    private static final String[] REFUSED_MERGE_USER = {
        "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + REFUSED_USER + "') THEN CREATE ROLE "
                + REFUSED_USER + " LOGIN; END IF; END$$",
        "GRANT CREATE, USAGE ON SCHEMA public TO " + REFUSED_USER,
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + REFUSED_USER,
        "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + REFUSED_USER,
        "REVOKE EXECUTE ON FUNCTION gin_clean_pending_list(regclass) FROM PUBLIC"};

    /** Whether the server refuses the merge of the search index's pending list to the user of the URL. */
    private static boolean mergeRefused(String url) {
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeQuery("SELECT gin_clean_pending_list('crm_customer_keys'::regclass)").close();
            return false;
        } catch (SQLException e) {
            return "42501".equals(e.getSQLState());
        }
    }

    /** {@code crm --store URL import FILE --json} in a new folder; its seconds, the created count checked. */
    private double cliImport(Path work, String url, CleanRows clean) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Run imported = crm(work, "--store", url, "import", file().toString(), "--json");
        double seconds = (System.nanoTime() - t0) / 1e9;
        JsonNode report = JSON.readTree(imported.out());
        check(report.get("created").asLong() == clean.created(), "created " + report.get("created"));
        return seconds;
    }

    private static void plainTable(BenchDatabase db) throws SQLException {
        db.execute("DROP TABLE IF EXISTS " + PLAIN);
        db.execute("CREATE TABLE " + PLAIN + " (LIKE " + CustomerColumns.TABLE + " INCLUDING DEFAULTS)");
        db.execute("ALTER TABLE " + PLAIN + " ADD PRIMARY KEY (id)");
        db.execute("CREATE UNIQUE INDEX " + PLAIN + "_phone ON " + PLAIN + " (tenant, primary_phone)");
    }

    /** Each query's p50 and p99 of 50 runs after 10 unmeasured, in this process. */
    private void searches(Crm crm, Actor actor, List<String> queries, String label) {
        for (String q : queries) {
            CustomerQuery query = CustomerQuery.builder().text(q).limit(50).build();
            long[] nanos = new long[50];
            int found = 0;
            for (int i = -10; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                found = crm.customers().search(actor, query).items().size();
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - t0;
                }
            }
            Arrays.sort(nanos);
            long count = crm.customers().count(actor, CustomerQuery.text(q));
            summary.add(String.format(Locale.ROOT, "%-62s %14s", "search '" + q + "' p50 / p99" + label,
                    String.format(Locale.ROOT, "%.2f / %.2f ms (page %d of %,d)", nanos[24] / 1e6, nanos[49] / 1e6,
                            found, count)));
        }
    }

    private void run() throws Exception {
        Path file = file();
        say("CLI benchmark: %,d rows (%,d bytes), %d cores, tool %s", rows, Files.size(file),
                Runtime.getRuntime().availableProcessors(), jar);
        CleanRows clean = CleanRows.read(file, n -> false);
        say("cleaned in Java (not timed): %s", clean);

        Path plainDb = fresh(dir.resolve("plain")).resolve("plain.db");
        String settings;
        double plainSeconds;
        try (HikariDataSource ds = sqlite(plainDb)) {
            settings = settings(ds);
            plainSeconds = plainInsert(ds, clean.rows());
        }
        double plainRate = clean.fileRows() / plainSeconds;
        say("SQLite settings: %s", settings);
        line("batched INSERT into a plain table, unique phone (in-process)", plainRate,
                String.format(Locale.ROOT, "%.2f s, %,d stored", plainSeconds, clean.created()));

        Path work = fresh(dir.resolve("cli"));
        long t0 = System.nanoTime();
        Run imported = crm(work, "import", file.toString(), "--json");
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        JsonNode report = JSON.readTree(imported.out());
        check(report.get("created").asLong() == clean.created(), "created " + report.get("created") + " of " + clean.created());
        double importRate = clean.fileRows() / importSeconds;
        line("crm import into the default store (whole process)", importRate,
                String.format(Locale.ROOT, "%.2f s, created %,d, rejected %,d; = %.3f x the batched INSERT",
                        importSeconds, report.get("created").asLong(), report.get("rejected").asLong(),
                        importRate / plainRate));

        long bytes = storeBytes(work.resolve("crm-data"));
        say("store on disk: %,d bytes = %.0f bytes a customer", bytes, (double) bytes / clean.created());
        summary.add(String.format(Locale.ROOT, "%-62s %,14.0f bytes a customer", "store size (crm-data)",
                (double) bytes / clean.created()));

        double bareStart = best(3, () -> crm(work, "--version"));
        line("bare crm --version (whole process, best of 3)", 0, String.format(Locale.ROOT, "%.3f s", bareStart));
        for (String q : QUERIES) {
            List<String> args = new ArrayList<>(List.of("customers", "search"));
            args.addAll(Arrays.asList(q.split(" ")));
            double s = best(3, () -> crm(work, args.toArray(String[]::new)));
            summary.add(String.format(Locale.ROOT, "%-62s %14s", "crm customers search " + q + " (whole process)",
                    String.format(Locale.ROOT, "%.3f s = bare + %.3f s", s, s - bareStart)));
        }
        inProcessSearches(work.resolve("crm-data").resolve("crm.db"));

        Path memoryWork = fresh(dir.resolve("cli-memory"));
        t0 = System.nanoTime();
        Run memory = crm(memoryWork, "--store", "memory", "import", file.toString(), "--json");
        double memorySeconds = (System.nanoTime() - t0) / 1e9;
        check(JSON.readTree(memory.out()).get("created").asLong() == clean.created(), "memory import created");
        ImportBenchmark.bareCsv(file);
        double bare = ImportBenchmark.bareCsv(file);
        line("bare Commons CSV parse of the file (in-process, second run)", bare, "");
        line("crm --store memory import (whole process)", clean.fileRows() / memorySeconds,
                String.format(Locale.ROOT, "%.2f s; = %.3f x the bare parse", memorySeconds,
                        clean.fileRows() / memorySeconds / bare));

        say("");
        say("summary (%,d rows):", rows);
        summary.forEach(l -> say("  %s", l));
    }

    /** The searches in this process on the CLI's store, after a warm-up: p50 and p99 of 50 runs. */
    private void inProcessSearches(Path db) {
        try (HikariDataSource ds = sqlite(db)) {
            Crm crm = Crm.builder(JdbcStorage.builder(ds).build()).build();
            searches(crm, Actor.admin(TenantId.of("default"), "admin"), QUERIES, " in-process");
        }
    }

    private static double plainInsert(HikariDataSource ds, List<CleanRow> rows) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE plain_customer (id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, full_name TEXT NOT NULL,"
                    + " phone TEXT NOT NULL, email TEXT, company TEXT, segment TEXT NOT NULL, created_at INTEGER NOT NULL)");
            s.execute("CREATE UNIQUE INDEX plain_customer_phone ON plain_customer (tenant, phone)");
            c.setAutoCommit(false);
            long now = System.currentTimeMillis() * 1000;
            return BatchInsertBaseline.timed(c, "INSERT INTO plain_customer"
                    + " (tenant, full_name, phone, email, company, segment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", rows,
                    (ps, row, id) -> {
                        ps.setString(1, "default");
                        ps.setString(2, row.fullName());
                        ps.setString(3, row.phone());
                        ps.setString(4, row.email());
                        ps.setString(5, row.company());
                        ps.setString(6, row.segment().name());
                        ps.setLong(7, now);
                    });
        }
    }

    /** A pool on a SQLite file, as the tool opens its default store. */
    private static HikariDataSource sqlite(Path file) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + file);
        config.setMaximumPoolSize(4);
        config.addDataSourceProperty("busy_timeout", "10000");
        config.addDataSourceProperty("journal_mode", "WAL");
        return new HikariDataSource(config);
    }

    private static String settings(HikariDataSource ds) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String pragma : new String[] {"journal_mode", "synchronous", "page_size", "cache_size"}) {
                try (ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
                    rs.next();
                    sb.append(sb.length() == 0 ? "" : ", ").append(pragma).append('=').append(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
                rs.next();
                sb.append(", SQLite ").append(rs.getString(1));
            }
        }
        return sb.toString();
    }

    private static long storeBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static Path fresh(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(folder);
    }

    /** The output of a finished process. */
    record Run(int exitCode, String out, String err) {
    }

    @FunctionalInterface
    private interface Timed {
        Run run() throws IOException, InterruptedException;
    }

    private static double best(int times, Timed work) throws IOException, InterruptedException {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < times; i++) {
            long t0 = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    private Run crm(Path workingDirectory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "crm", ".out");
        Path err = Files.createTempFile(dir, "crm", ".err");
        try {
            Process p = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            int code = p.waitFor();
            Run run = new Run(code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            if (code != 0 && code != 3) {
                throw new IllegalStateException("crm " + String.join(" ", args) + " exited " + code + ": " + run.err());
            }
            return run;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private void line(String what, double rate, String detail) {
        String text = rate > 0 ? String.format(Locale.ROOT, "%-62s %,10.0f rows/s  %s", what, rate, detail)
                : String.format(Locale.ROOT, "%-62s %s", what, detail);
        summary.add(text);
        say("%s", text);
    }
}
