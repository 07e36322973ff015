package dev.crmkit.bench.importing;

import dev.crmkit.core.Crm;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.jdbc.JdbcStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * What each index of {@code crm_customer} costs a bulk load, and what the search index's form
 * costs a search: COPY of the same cleaned rows (with their {@code search_keys} {@code tsvector})
 * into the table with one index set after another, then, for the search-index forms, the search
 * statements' latency on the filled table (after {@code VACUUM}, which empties a GIN index's
 * pending list, or right after the COPY), and last the time {@code CREATE INDEX} takes to build the
 * GIN index {@value #SEARCH_INDEX} on {@code search_keys} over the filled table at once.
 *
 * <p>The searches are the adapter's own ({@code CustomerService.search}, a page of 50): its plan
 * walks the first customers of the list before it reads the GIN index (see the module's README),
 * so a raw {@code search_keys @@} statement would time another plan. The GiST variant is
 * there for comparison: a GiST index of a {@code tsvector} is lossy, every row it finds is
 * checked again.
 *
 * <pre>
 * java -Xmx3g -cp crm-bench/target/benchmarks.jar dev.crmkit.bench.importing.IndexCostExperiment 1000000
 * </pre>
 */
public final class IndexCostExperiment {

    /** The search index as crm-jdbc's {@code V5__search_keys.sql} creates it. */
    static final String SEARCH_INDEX = "crm_customer_keys";
    private static final String GIN = "CREATE INDEX " + SEARCH_INDEX + " ON crm_customer USING gin (search_keys)";

    record Variant(String name, List<String> ddl, boolean search, boolean vacuum) {
        Variant(String name, List<String> ddl, boolean search) {
            this(name, ddl, search, true);
        }
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "crm-bench/target/bench-data");
        Path file = dir.resolve("customers-" + rows + ".csv");
        if (!Files.exists(file)) {
            Files.createDirectories(dir);
            ImportFileGenerator.csv(file, rows, JdbcImportBenchmark.SEED, 0, 0);
        }
        CleanRows clean = CleanRows.read(file, n -> false);
        List<Variant> all = List.of(
                new Variant("every index (schema as shipped)", List.of(), true),
                new Variant("no search index", List.of("DROP INDEX " + SEARCH_INDEX), false),
                new Variant("GIN, pending list 64 MB", List.of("ALTER INDEX " + SEARCH_INDEX + " SET (gin_pending_list_limit = 65536)"), true),
                new Variant("GIN, pending 64 MB, not vacuumed", List.of("ALTER INDEX " + SEARCH_INDEX + " SET (gin_pending_list_limit = 65536)"), true, false),
                new Variant("GIN, pending 16 MB, not vacuumed", List.of("ALTER INDEX " + SEARCH_INDEX + " SET (gin_pending_list_limit = 16384)"), true, false),
                new Variant("GIN, pending 4 MB, not vacuumed", List.of(), true, false),
                new Variant("GIN, fastupdate off", List.of("ALTER INDEX " + SEARCH_INDEX + " SET (fastupdate = off)"), true),
                new Variant("GiST tsvector_ops", List.of("DROP INDEX " + SEARCH_INDEX,
                        "CREATE INDEX " + SEARCH_INDEX + " ON crm_customer USING gist (search_keys tsvector_ops)"), true),
                new Variant("primary key and unique phone only", List.of("DROP INDEX " + SEARCH_INDEX,
                        "DROP INDEX crm_customer_updated", "DROP INDEX crm_customer_created",
                        "DROP INDEX crm_customer_contacts", "DROP INDEX crm_customer_name"), false));
        // -Dvariants=NAME|NAME... runs only the variants whose names start with one of them.
        String only = System.getProperty("variants");
        List<Variant> variants = only == null ? all
                : all.stream().filter(v -> Arrays.stream(only.split("\\|")).anyMatch(v.name()::startsWith)).toList();
        List<String> report = new ArrayList<>();
        try (BenchDatabase db = BenchDatabase.postgres()) {
            DataSource ds = db.dataSource();
            new LibraryImport(ds, dir.resolve("work")); // applies the schema
            System.out.println(db.describe());
            CopyBaseline.Payload payload = CopyBaseline.encode(clean.rows(),
                    new CustomerColumns.Run(JdbcImportBenchmark.TENANT, Instant.now()));
            List<String> texts = texts(clean);
            for (Variant v : variants) {
                restoreIndexes(db);
                db.empty();
                for (String ddl : v.ddl()) {
                    db.execute(ddl);
                }
                double seconds = CopyBaseline.copy(ds, CustomerColumns.TABLE, payload);
                String line = String.format(Locale.ROOT, "%-36s COPY %,9.0f rows/s (%.1f s)", v.name(),
                        clean.fileRows() / seconds, seconds);
                if (v.search()) {
                    db.execute((v.vacuum() ? "VACUUM ANALYZE " : "ANALYZE ") + CustomerColumns.TABLE);
                    StringBuilder sb = new StringBuilder();
                    for (String text : texts) {
                        sb.append(String.format(Locale.ROOT, "; '%s' p50 %.2f ms", text, p50Millis(ds, text)));
                    }
                    line += sb;
                }
                System.out.println(line);
                report.add(line);
            }
            // The other way to fill a search index: build it once over the filled table.
            db.execute("DROP INDEX IF EXISTS " + SEARCH_INDEX);
            long t0 = System.nanoTime();
            db.execute(GIN);
            String build = String.format(Locale.ROOT, "%-36s %.1f s for %,d customers", "CREATE INDEX of the GIN index",
                    (System.nanoTime() - t0) / 1e9, db.count(CustomerColumns.TABLE));
            System.out.println(build);
            report.add(build);
            restoreIndexes(db);
        }
        System.out.println();
        report.forEach(System.out::println);
    }

    private static List<String> texts(CleanRows clean) {
        CleanRow probe = clean.rows().get(clean.rows().size() * 7 / 9);
        String national = "0" + probe.phone().substring(3);
        return List.of("ayse", "kaya istanbul", national.substring(0, 4) + " " + national.substring(4, 7),
                national, "karaosmanoglu", "zzqx");
    }

    /** The p50 of the adapter's own search (a page of 50, as a user lists them) for the text. */
    private static double p50Millis(DataSource ds, String text) {
        Crm crm = Crm.builder(JdbcStorage.builder(ds).build()).build();
        CustomerQuery query = CustomerQuery.builder().text(text).limit(50).build();
        double[] samples = new double[41];
        for (int i = -5; i < samples.length; i++) {
            long t0 = System.nanoTime();
            crm.customers().search(JdbcImportBenchmark.ADMIN, query);
            if (i >= 0) {
                samples[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    private static void restoreIndexes(BenchDatabase db) throws SQLException {
        db.execute("DROP INDEX IF EXISTS " + SEARCH_INDEX, GIN,
                "CREATE INDEX IF NOT EXISTS crm_customer_updated ON crm_customer (tenant, updated_at, id)",
                "CREATE INDEX IF NOT EXISTS crm_customer_created ON crm_customer (tenant, created_at, id)",
                "CREATE INDEX IF NOT EXISTS crm_customer_contacts ON crm_customer (tenant, total_contacts, id)",
                "CREATE INDEX IF NOT EXISTS crm_customer_name ON crm_customer (tenant, name_key, id)");
    }

    private IndexCostExperiment() {
    }
}
