package dev.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.importjob.OnDuplicate;
import dev.crmkit.core.importjob.RowError;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.ImportReport;
import dev.crmkit.importer.ImportListener;
import dev.crmkit.importer.Importer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Three imports of overlapping files into one tenant at the same time, in the three duplicate
 * modes: each number ends up with exactly one customer, and every row of every file is accounted
 * for as created, updated, skipped or rejected.
 */
class ConcurrentImportsTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final Actor ADMIN = Actor.admin(ACME, "boss");

    @TempDir
    Path dir;

    static Stream<Arguments> stores() {
        return Stream.of(Arguments.of("SQLite", (Supplier<JdbcStorage>) TestDatabases::emptySqliteStorage),
                Arguments.of("PostgreSQL", (Supplier<JdbcStorage>) TestDatabases::emptyPostgresStorage));
    }

    /** Rows for numbers from..to-1, every 50th row repeating the row before it (in-file duplicate). */
    private Path file(String name, int from, int to) throws Exception {
        StringBuilder sb = new StringBuilder("isim;telefon\n");
        for (int i = from; i < to; i++) {
            sb.append(name).append(' ').append(i).append(";0532").append(String.format("%07d", i)).append('\n');
            if (i % 50 == 0) {
                sb.append(name).append(" tekrar ").append(i).append(";0532").append(String.format("%07d", i))
                        .append('\n');
            }
        }
        return Files.writeString(dir.resolve(name + ".csv"), sb.toString(), StandardCharsets.UTF_8);
    }

    private static long rowsOf(int from, int to) {
        long repeats = 0;
        for (int i = from; i < to; i++) {
            if (i % 50 == 0) {
                repeats++;
            }
        }
        return (to - from) + repeats;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void overlappingImportsKeepOneCustomerPerNumberAndAccountForEveryRow(String name, Supplier<JdbcStorage> store)
            throws Exception {
        Crm crm = Crm.builder(store.get()).build();
        record Run(String owner, int from, int to, OnDuplicate mode) {
        }
        List<Run> runs = List.of(new Run("reject", 0, 3000, OnDuplicate.REJECT),
                new Run("skip", 1500, 4500, OnDuplicate.SKIP),
                new Run("update", 1000, 4000, OnDuplicate.UPDATE));
        CyclicBarrier start = new CyclicBarrier(runs.size());
        // Each job waits, once RUNNING, until the other two are RUNNING too: on SQLite a job of
        // 3,000 rows takes a fraction of a second, so without this one could end before another
        // had begun, and the test would not be about overlapping imports at all.
        CyclicBarrier allRunning = new CyclicBarrier(runs.size());
        ExecutorService pool = Executors.newFixedThreadPool(runs.size());
        List<Future<ImportReport>> reports = new ArrayList<>();
        try {
            for (Run run : runs) {
                Path f = file(run.owner(), run.from(), run.to());
                Importer importer = Importer.builder(crm).owner(run.owner()).workDir(dir).build();
                importer.addListener(new ImportListener() {
                    @Override
                    public void onStarted(ImportJob job) {
                        try {
                            allRunning.await(1, TimeUnit.MINUTES);
                        } catch (Exception e) {
                            throw new IllegalStateException("the other imports did not start", e);
                        }
                    }
                });
                Callable<ImportReport> task = () -> {
                    start.await();
                    return importer.importFile(ADMIN, f,
                            ImportOptions.builder().onDuplicate(run.mode()).chunkSize(100).build());
                };
                reports.add(pool.submit(task));
            }
            long created = 0;
            java.time.Instant lastStart = java.time.Instant.MIN;
            java.time.Instant firstEnd = java.time.Instant.MAX;
            for (int k = 0; k < runs.size(); k++) {
                Run run = runs.get(k);
                ImportReport report = reports.get(k).get(2, TimeUnit.MINUTES);
                var job = report.job();
                assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(job.rows()).isEqualTo(rowsOf(run.from(), run.to()));
                assertThat(job.created() + job.updated() + job.skipped() + job.rejected())
                        .as(run.owner() + ": every row accounted for").isEqualTo(job.rows());
                List<RowError> errors = Importer.builder(crm).workDir(dir).build().rejectedRows(ADMIN, job.id())
                        .flatMap(r -> r.errors().stream()).toList();
                assertThat(errors).extracting(RowError::code)
                        .allMatch(c -> c == ErrorCode.DUPLICATE_IN_FILE || c == ErrorCode.DUPLICATE_PHONE);
                if (run.mode() != OnDuplicate.REJECT) {
                    assertThat(errors).extracting(RowError::code).containsOnly(ErrorCode.DUPLICATE_IN_FILE);
                }
                created += job.created();
                lastStart = job.startedAt().isAfter(lastStart) ? job.startedAt() : lastStart;
                firstEnd = job.finishedAt().isBefore(firstEnd) ? job.finishedAt() : firstEnd;
            }
            assertThat(lastStart).as("the three imports ran at the same time").isBefore(firstEnd);
            Set<String> numbers = new HashSet<>();
            String cursor = null;
            do {
                var page = crm.customers().search(ADMIN, CustomerQuery.builder().limit(500).cursor(cursor).build());
                for (Customer c : page.items()) {
                    assertThat(numbers.add(c.phone().e164())).as("one customer per number").isTrue();
                }
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(numbers).hasSize(4500);
            assertThat(created).as("each number created by exactly one of the imports").isEqualTo(4500);
        } finally {
            pool.shutdownNow();
        }
    }
}
