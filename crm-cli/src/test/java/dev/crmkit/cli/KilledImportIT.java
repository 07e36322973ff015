package dev.crmkit.cli;

import static dev.crmkit.cli.CrmProcess.crm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.cli.internal.CliStore;
import dev.crmkit.cli.CrmProcess.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import whose process is killed (SIGKILL) mid-job, on the default SQLite store: a second process (this
 * test's JVM) sees the job running while the first works (the store is shared between processes),
 * and after the kill {@code jobs resume} takes the job over when its lease runs out and finishes
 * it, every row stored once.
 */
class KilledImportIT {

    private static final int ROWS = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aKilledImportIsResumedByAnotherProcessWithEveryRowStoredOnce() throws Exception {
        Path file = CrmProcess.customersCsv(dir.resolve("buyuk.csv"), ROWS, "0533", "Işık A.Ş.");

        Process first = CrmProcess.start(dir, dir.resolve("first.out"), dir.resolve("first.err"),
                "import", file.toString(), "--lease", "2s", "--json");
        JsonNode running = awaitProgress(first);
        long jobId = running.get("jobId").asLong();
        assertThat(running.get("status").asText()).isEqualTo("RUNNING");

        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long rowsAtKill = crm(dir, "jobs", "show", String.valueOf(jobId), "--json").json().get("rows").asLong();
        assertThat(rowsAtKill).as("killed mid-job").isBetween(1L, ROWS - 1L);
        assertThat(rowsAtKill).as("no chunk committed before the kill was lost")
                .isGreaterThanOrEqualTo(running.get("rows").asLong());
        assertThat(crm(dir, "customers", "count", "--json").json().get("count").asLong())
                .as("the committed chunks' customers are stored").isEqualTo(rowsAtKill);

        Result resumed = crm(dir, "jobs", "resume", String.valueOf(jobId), "--lease", "2s", "--json");

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        JsonNode job = resumed.json();
        assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("rows").asLong()).isEqualTo(ROWS);
        assertThat(job.get("created").asLong()).isEqualTo(ROWS);
        assertThat(job.get("rejected").asLong()).isZero();
        assertThat(crm(dir, "customers", "count", "--json").json().get("count").asLong()).isEqualTo(ROWS);
        assertThat(crm(dir, "customers", "count", "ışık", "--json").json().get("count").asLong()).isEqualTo(ROWS);
        Result last = crm(dir, "customers", "show", "0533 " + String.format("%07d", ROWS - 1), "--json");
        assertThat(last.json().get("fullName").asText()).isEqualTo("Müşteri " + (ROWS - 1));
    }

    /**
     * Watches the job from this JVM, a second process on the shared store, until the first has
     * committed some rows. A tight JDBC poll rather than one {@code crm jobs list} process per look:
     * starting a JVM takes longer than a fast machine needs for the whole import.
     */
    private JsonNode awaitProgress(Process first) throws IOException, InterruptedException {
        Path db = dir.resolve(CliStore.DEFAULT_DIRECTORY).resolve("crm.db").toAbsolutePath();
        // Read-only: this process must never create the file or take the writer's lock.
        String url = "jdbc:sqlite:file:" + db + "?mode=ro";
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            assertThat(first.isAlive()).as("the import still runs: "
                    + Files.readString(dir.resolve("first.out"), StandardCharsets.UTF_8)
                    + Files.readString(dir.resolve("first.err"), StandardCharsets.UTF_8)
                    + (last == null ? "" : "; the store could not be read: " + last)).isTrue();
            if (!Files.exists(db)) {
                Thread.sleep(20);
                continue;
            }
            try (Connection c = DriverManager.getConnection(url);
                    Statement st = c.createStatement()) {
                while (first.isAlive() && Instant.now().isBefore(deadline)) {
                    try (ResultSet rs = st.executeQuery("SELECT id, status, rows_read FROM crm_import_job")) {
                        if (rs.next() && rs.getLong("rows_read") > 0) {
                            // Committed, as this process sees it: the kill must not take it back.
                            return JSON.createObjectNode().put("jobId", rs.getLong("id"))
                                    .put("status", rs.getString("status")).put("rows", rs.getLong("rows_read"));
                        }
                    }
                    Thread.sleep(10);
                }
            } catch (SQLException notYet) {
                // The first process has not created the database or its tables yet.
                last = notYet;
                Thread.sleep(50);
            }
        }
        throw new AssertionError("no progress within 2 minutes", last);
    }
}
