package dev.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.Importer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real process death: a worker JVM is killed ({@code SIGKILL}, no shutdown hooks) in the middle of
 * an import, and another JVM finishes the job after the lease runs out. The store must then hold
 * every valid row of the file exactly once, with the job's counts adding up to the file.
 */
class CrashResumeTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final Actor ADMIN = Actor.admin(ACME, "boss");
    private static final int ROWS = 20_000;
    private static final int CHUNK = 200;
    private static final long LEASE_MILLIS = 2_000;

    @TempDir
    Path dir;

    /** The expected outcome of the generated file. */
    private record Expected(Set<String> phones, int invalid, int duplicates) {
    }

    private Expected writeFile(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("Ad Soyad;Cep Telefonu;Şehir\n");
        Set<String> phones = new HashSet<>();
        int invalid = 0;
        int duplicates = 0;
        String previous = null;
        for (int i = 0; i < ROWS; i++) {
            String phone;
            if (i % 97 == 50) {
                phone = "12";
                invalid++;
            } else if (i % 101 == 60 && previous != null) {
                phone = previous;
                duplicates++;
            } else {
                phone = String.format("0532 %03d %02d %02d", i / 10_000, (i / 100) % 100, i % 100);
                phones.add("+90532" + String.format("%03d%02d%02d", i / 10_000, (i / 100) % 100, i % 100));
                previous = phone;
            }
            sb.append("Müşteri Işıl ").append(i).append(';').append(phone).append(";İstanbul\n");
        }
        Files.writeString(file, sb.toString(), java.nio.charset.Charset.forName("windows-1254"));
        return new Expected(phones, invalid, duplicates);
    }

    @Nested
    class OnSqliteFile {

        @Test
        void aKilledWorkerJvmIsResumedByANewJvmWithEveryRowStoredOnce() throws Exception {
            String url = TestDatabases.sqliteUrl(dir.resolve("crm.db"));
            Path file = dir.resolve("musteriler.csv");
            Expected expected = writeFile(file);
            long jobId;
            try (HikariDataSource ds = pool(url, "", "")) {
                jobId = submit(ds, file);
            }

            Worker first = Worker.start(dir, url, "", "", "first", 30);
            first.awaitProgressLines(5);
            first.kill();

            Worker second = Worker.start(dir, url, "", "", "second", 0);
            second.awaitExit();
            assertThat(second.lines()).anyMatch(l -> l.startsWith("finished second"));

            try (HikariDataSource ds = pool(url, "", "")) {
                verify(ds, jobId, expected, first);
            }
        }
    }

    @Nested
    class OnPostgres {

        @Test
        void twoJvmsShareOnePostgresAndTheSurvivorFinishesTheKilledOnesJob() throws Exception {
            try (HikariDataSource ds = TestDatabases.freshPostgres()) {
                CrmSchema.migrate(ds);
                Path file = dir.resolve("musteriler.csv");
                Expected expected = writeFile(file);
                long jobId = submit(ds, file);

                Worker first = Worker.start(dir, ds.getJdbcUrl(), "postgres", "", "first", 30);
                first.awaitProgressLines(1);
                Worker second = Worker.start(dir, ds.getJdbcUrl(), "postgres", "", "second", 30);
                second.awaitLine("ready second");
                first.awaitProgressLines(10);
                first.kill();
                second.awaitExit();
                assertThat(second.lines()).anyMatch(l -> l.startsWith("progress second"));

                verify(ds, jobId, expected, first);
            }
        }
    }

    @Nested
    class SideBySide {

        @Test
        void twoJvmsOnOnePostgresEachRunAJobAtTheSameTime() throws Exception {
            try (HikariDataSource ds = TestDatabases.freshPostgres()) {
                CrmSchema.migrate(ds);
                Path file = dir.resolve("musteriler.csv");
                Expected expected = writeFile(file);
                Path other = dir.resolve("diger.csv");
                Files.writeString(other, Files.readString(file, java.nio.charset.Charset.forName("windows-1254"))
                        .replace(";0532 ", ";0533 "), java.nio.charset.Charset.forName("windows-1254"));
                long first = submit(ds, file);
                long second = submit(ds, other);

                Worker a = Worker.start(dir, ds.getJdbcUrl(), "postgres", "", "a", 30);
                Worker b = Worker.start(dir, ds.getJdbcUrl(), "postgres", "", "b", 30);
                a.awaitExit();
                b.awaitExit();

                Set<String> jobsOfA = jobsIn(a.lines(), "progress a");
                Set<String> jobsOfB = jobsIn(b.lines(), "progress b");
                assertThat(jobsOfA).as("each process worked on one job").hasSize(1);
                assertThat(jobsOfB).hasSize(1).doesNotContainAnyElementsOf(jobsOfA);
                Crm crm = Crm.builder(JdbcStorage.builder(ds).build()).build();
                for (long id : new long[] {first, second}) {
                    ImportJob job = crm.imports().find(ADMIN, id).orElseThrow();
                    assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
                    assertThat(job.created()).isEqualTo(expected.phones().size());
                }
                ImportJob one = crm.imports().find(ADMIN, first).orElseThrow();
                ImportJob two = crm.imports().find(ADMIN, second).orElseThrow();
                assertThat(one.startedAt()).as("the jobs overlapped in time").isBefore(two.finishedAt());
                assertThat(two.startedAt()).isBefore(one.finishedAt());
            }
        }

        private Set<String> jobsIn(List<String> lines, String prefix) {
            Set<String> jobs = new HashSet<>();
            for (String line : lines) {
                if (line.startsWith(prefix)) {
                    jobs.add(line.substring(line.indexOf("job="), line.indexOf(" rows=")));
                }
            }
            return jobs;
        }
    }

    private long submit(DataSource ds, Path file) {
        Crm crm = Crm.builder(JdbcStorage.builder(ds).build()).build();
        Importer importer = Importer.builder(crm).owner("submitter").workDir(dir).build();
        ImportJob job = importer.submit(ADMIN, file, ImportOptions.builder().chunkSize(CHUNK).build());
        return job.id();
    }

    private void verify(DataSource ds, long jobId, Expected expected, Worker killed) throws SQLException {
        Crm crm = Crm.builder(JdbcStorage.builder(ds).build()).build();
        ImportJob job = crm.imports().find(ADMIN, jobId).orElseThrow();
        long rowsWhenKilled = killed.lastProgressRows();
        assertThat(rowsWhenKilled).as("the first worker died mid-job").isBetween(1L, ROWS - 1L);

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.rows()).isEqualTo(ROWS);
        assertThat(job.created()).isEqualTo(expected.phones().size());
        assertThat(job.rejected()).isEqualTo(expected.invalid() + expected.duplicates());
        assertThat(job.created() + job.rejected()).isEqualTo(ROWS);

        List<String> stored = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT primary_phone FROM crm_customer WHERE tenant = ?")) {
            ps.setString(1, ACME.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        }
        assertThat(stored).as("every valid row once").hasSize(expected.phones().size())
                .containsExactlyInAnyOrderElementsOf(expected.phones());
        List<Long> created = JdbcStorage.builder(ds).migrate(false).build().read(ACME,
                s -> s.importJobs().changes(jobId).stream().map(c -> c.customerId()).toList());
        assertThat(created).as("undo records each creation once").doesNotHaveDuplicates()
                .hasSize(expected.phones().size());
        assertThat(count(ds, "SELECT count(*) FROM crm_activity WHERE tenant = 'acme'"))
                .as("one activity per created customer").isEqualTo(expected.phones().size());
        assertThat(count(ds, "SELECT count(*) FROM crm_import_rejected_row WHERE job_id = " + jobId))
                .isEqualTo(expected.invalid() + expected.duplicates());
    }

    private static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    /** A worker JVM running {@link ImportProcess}, its output read line by line. */
    private static final class Worker {
        private final Process process;
        private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();

        private Worker(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        pending.add(line);
                    }
                } catch (IOException e) {
                    // The process ended.
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** Starts a worker whose temporary files go into the test's folder: a killed JVM leaves them behind. */
        static Worker start(Path dir, String url, String user, String password, String name, long pauseMillis)
                throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx256m", "-Djava.io.tmpdir=" + dir, "-cp",
                    System.getProperty("java.class.path"), ImportProcess.class.getName(), url, user, password, name,
                    Long.toString(LEASE_MILLIS), Long.toString(pauseMillis), "1000");
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            return new Worker(pb.start());
        }

        String awaitLine(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                String line = pending.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    seen.add(line);
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                if (line == null && !process.isAlive() && pending.isEmpty()) {
                    break;
                }
            }
            throw new AssertionError("the worker never printed '" + prefix + "'; it printed " + seen);
        }

        void awaitProgressLines(int n) throws InterruptedException {
            while (progressLines() < n) {
                awaitLine("progress");
            }
        }

        private long progressLines() {
            return seen.stream().filter(l -> l.startsWith("progress")).count();
        }

        long lastProgressRows() {
            drain();
            long rows = 0;
            for (String line : seen) {
                if (line.startsWith("progress")) {
                    rows = Long.parseLong(line.substring(line.indexOf("rows=") + 5));
                }
            }
            return rows;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            drain();
        }

        void awaitExit() throws InterruptedException {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the worker finished in time").isTrue();
            assertThat(process.exitValue()).isZero();
            Thread.sleep(100);
            drain();
        }

        List<String> lines() {
            drain();
            return seen;
        }

        private void drain() {
            pending.drainTo(seen);
        }
    }
}
