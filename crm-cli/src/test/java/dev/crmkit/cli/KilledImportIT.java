package dev.crmkit.cli;

import static dev.crmkit.cli.CrmProcess.crm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmkit.cli.CrmProcess.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import whose process is killed mid-job, on the default H2 file store: a second process sees
 * the job running while the first works (the store is shared between processes), and after the
 * kill {@code jobs resume} takes the job over when its lease runs out and finishes it, every row
 * stored once.
 */
class KilledImportIT {

    private static final int ROWS = 60_000;

    @TempDir
    Path dir;

    @Test
    void aKilledImportIsResumedByAnotherProcessWithEveryRowStoredOnce() throws Exception {
        Path file = dir.resolve("buyuk.csv");
        StringBuilder sb = new StringBuilder("Ad Soyad;Telefon;Şirket\r\n");
        for (int i = 0; i < ROWS; i++) {
            sb.append("Müşteri ").append(i).append(";0533 ").append(String.format("%07d", i)).append(";Işık A.Ş.\r\n");
        }
        Files.write(file, sb.toString().getBytes("windows-1254"));

        Process first = CrmProcess.start(dir, dir.resolve("first.out"), dir.resolve("first.err"),
                "import", file.toString(), "--lease", "2s", "--json");
        JsonNode running = awaitProgress(first);
        long jobId = running.get("jobId").asLong();
        assertThat(running.get("status").asText()).isEqualTo("RUNNING");

        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long rowsAtKill = crm(dir, "jobs", "show", String.valueOf(jobId), "--json").json().get("rows").asLong();
        assertThat(rowsAtKill).as("killed mid-job").isBetween(1L, ROWS - 1L);

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

    /** Polls the job from a second process until the first has committed some rows. */
    private JsonNode awaitProgress(Process first) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            assertThat(first.isAlive()).as("the import still runs: "
                    + Files.readString(dir.resolve("first.err"), StandardCharsets.UTF_8)).isTrue();
            Result list = crm(dir, "jobs", "list", "--json");
            if (list.exitCode() == 0 && list.json().get("jobs").size() == 1) {
                JsonNode job = list.json().get("jobs").get(0);
                if (job.get("rows").asLong() > 0) {
                    return job;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no progress within 2 minutes");
    }
}
