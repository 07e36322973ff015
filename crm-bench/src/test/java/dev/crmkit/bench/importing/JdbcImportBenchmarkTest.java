package dev.crmkit.bench.importing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.SearchKeys;
import dev.crmkit.jdbc.internal.SearchKeyColumns;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

/**
 * The JDBC import benchmark's pieces on small files, so that {@code mvn verify} checks them
 * without a long run: every path must store exactly the file's valid rows with a number of their
 * own.
 */
class JdbcImportBenchmarkTest {

    private static final int ROWS = 2_000;
    private static final StoreQueries.Sampling QUICK = new StoreQueries.Sampling(2, 20, 1);

    @TempDir
    Path dir;

    @Test
    @DisplayName("sqlite mode: the batched INSERT, the library's import and the Spring Batch job store every valid distinct number")
    void sqliteHarness() throws Exception {
        JdbcImportBenchmark.Result r = JdbcImportBenchmark.sqlite(new JdbcImportBenchmark.Settings(ROWS, dir, 0, QUICK));

        CleanRows expected = r.expected();
        assertThat(expected.fileRows()).isEqualTo(ROWS);
        // About 1% invalid and 0.5% repeats, by the generator's design.
        assertThat(expected.invalid()).isBetween(5, 40);
        assertThat(expected.repeated()).isBetween(1, 25);
        assertThat(expected.created()).isEqualTo(ROWS - expected.invalid() - expected.repeated());
        assertThat(r.failedChecks()).isEmpty();
        assertThat(r.baselineStored()).isEqualTo(expected.created());
        assertThat(r.library().report().created()).isEqualTo(expected.created());
        assertThat(r.library().report().rejected()).isEqualTo(expected.invalid() + expected.repeated());
        assertThat(r.libraryStored()).isEqualTo(expected.created());
        assertThat(r.peerStored()).isEqualTo(expected.created());
    }

    @Test
    @DisplayName("the Spring Batch job on SQLite reads every row, filters the invalid ones and skips repeated numbers")
    void springBatchPeerOnSqlite() throws Exception {
        Path file = ImportFileGenerator.csv(dir.resolve("peer.csv"), ROWS, 7L);
        CleanRows expected = CleanRows.read(file, n -> false);
        try (BenchDatabase db = BenchDatabase.sqlite("peer-test")) {
            SpringBatchPeer.Outcome outcome = SpringBatchPeer.run(db.dataSource(), file, "acme", false);

            assertThat(outcome.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(outcome.read()).isEqualTo(ROWS);
            assertThat(outcome.filtered()).isEqualTo(expected.invalid());
            assertThat(outcome.written()).isEqualTo(expected.created() + expected.repeated());
            assertThat(db.count("crm_customer")).isEqualTo(expected.created());
        }
    }

    @Test
    @DisplayName("a second file into a store holding the first creates its new numbers only")
    void secondFileOnSqlite() throws Exception {
        Path first = ImportFileGenerator.csv(dir.resolve("first.csv"), ROWS, 1L);
        Path second = ImportFileGenerator.csv(dir.resolve("second.csv"), ROWS, 2L, ROWS, ROWS);
        CleanRows firstRows = CleanRows.read(first, n -> false);
        Set<String> stored = firstRows.phones();
        CleanRows expected = CleanRows.count(second, stored::contains);
        // About one row in ten carries a number of the first file.
        assertThat(expected.stored()).isBetween(ROWS / 20, ROWS / 5);
        try (BenchDatabase db = BenchDatabase.sqlite("second-test")) {
            LibraryImport library = new LibraryImport(db.dataSource(), dir.resolve("work"));
            assertThat(library.run(JdbcImportBenchmark.ADMIN, first).report().created()).isEqualTo(firstRows.created());

            LibraryImport.Timed t = library.run(JdbcImportBenchmark.ADMIN, second);

            assertThat(t.report().created()).isEqualTo(expected.created());
            assertThat(t.report().rejected()).isEqualTo(ROWS - expected.created());
            assertThat(db.count("crm_customer")).isEqualTo((long) firstRows.created() + expected.created());
        }
    }

    @Test
    @DisplayName("postgres mode, small: COPY, Spring Batch, both imports, the reads and the plans, every count as expected")
    void postgresHarness() throws Exception {
        JdbcImportBenchmark.Result r = JdbcImportBenchmark.postgres(
                new JdbcImportBenchmark.Settings(ROWS, dir, 0, QUICK));

        assertThat(r.failedChecks()).isEmpty();
        assertThat(r.baselineStored()).isEqualTo(r.expected().created());
        assertThat(r.peerStored()).isEqualTo(r.expected().created());
        assertThat(r.library().report().created()).isEqualTo(r.expected().created());
        assertThat(r.second().report().created()).isEqualTo(r.expectedSecond().created());
        assertThat(r.storedAfterSecond()).isEqualTo((long) r.expected().created() + r.expectedSecond().created());
    }

    @Test
    @DisplayName("COPY text escapes backslash, tab and line breaks, writes NULL as \\N and instants in ISO form")
    void copyText() {
        CleanRow row = CleanRow.of("Ayşe\tA\\B", PhoneNumber.of("+905301234567"), null, "Line\nbreak\r", Segment.VIP);
        StringBuilder sb = new StringBuilder();
        CustomerColumns.appendCopyText(sb, row, 7, new CustomerColumns.Run("acme", Instant.parse("2026-01-02T03:04:05.123456789Z")));
        String[] fields = sb.toString().split("\t", -1);

        assertThat(sb.toString()).endsWith("\n").doesNotContain("\r");
        assertThat(fields).hasSize(CustomerColumns.POSTGRESQL.size());
        assertThat(fields[0]).isEqualTo("7");
        assertThat(sb.toString()).contains("Ayşe\\tA\\\\B", "Line\\nbreak\\r", "\t\\N\t", "2026-01-02T03:04:05.123456Z",
                "[{\"number\":\"+905301234567\",\"status\":\"ACTIVE\",\"favorite\":false}]");
        // The search keys as tsvector input behind the tenant's tag, escaped once more for COPY.
        String tag = SearchKeyColumns.tag("acme");
        StringBuilder vector = new StringBuilder();
        CustomerColumns.escapeCopyText(vector, SearchKeyColumns.vector(tag, SearchKeys.of(
                CustomerRecord.builder("Ayşe\tA\\B", PhoneNumber.of("+905301234567"), Instant.EPOCH)
                        .company("Line\nbreak\r").segment(Segment.VIP).build())));
        assertThat(fields[fields.length - 1]).isEqualTo(vector + "\n").contains("'" + tag + "ayse'",
                "'" + tag + SearchKeys.COMPOUND_MARK + "a\\\\\\\\b'", "'" + tag + "905301234567'");
    }

    @Test
    @DisplayName("the columns fit each database: search_keys as tsvector on PostgreSQL, as lines and instants as micros on SQLite")
    void columnsPerDatabase() throws Exception {
        assertThat(CustomerColumns.POSTGRESQL).extracting(CustomerColumns.Column::name)
                .startsWith("id").endsWith("search_keys").doesNotContain("search_text");
        assertThat(CustomerColumns.SQLITE).extracting(CustomerColumns.Column::name)
                .startsWith("id").endsWith("search_keys").doesNotContain("search_text")
                .containsExactlyElementsOf(CustomerColumns.POSTGRESQL.stream().map(CustomerColumns.Column::name).toList());
        assertThat(CustomerColumns.insertSql(true)).endsWith(", ?::tsvector)");
        assertThat(CustomerColumns.insertSql(false)).doesNotContain("::");
        assertThat(SpringBatchPeer.insertSql(false)).contains("VALUES (NULL, ").endsWith(" ON CONFLICT DO NOTHING");

        Instant now = Instant.parse("2026-01-02T03:04:05.123456789Z");
        CustomerColumns.Run run = new CustomerColumns.Run("acme", now);
        CleanRow row = CleanRow.of("Ayşe Kaya", PhoneNumber.of("+905301234567"), null, null, Segment.VIP);
        CustomerColumns.Column created = CustomerColumns.SQLITE.stream()
                .filter(c -> c.name().equals("created_at")).findFirst().orElseThrow();
        assertThat(created.sqlType()).isEqualTo(java.sql.Types.BIGINT);
        assertThat(created.value().of(row, 1, run)).isEqualTo(1_767_323_045_123_456L);
        assertThat(row.keys()).containsExactly(SearchKeys.of(CustomerRecord.builder("Ayşe Kaya",
                PhoneNumber.of("+905301234567"), now).build()));
    }
}
