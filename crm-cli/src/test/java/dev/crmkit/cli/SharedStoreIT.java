package dev.crmkit.cli;

import static dev.crmkit.cli.CrmProcess.crm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.cli.CrmProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code crm} processes on one default SQLite store: while one imports, the other searches
 * customers, counts them and lists jobs, and every command of both succeeds (spec 4: readers
 * never wait for the writer).
 */
class SharedStoreIT {

    private static final int ROWS = 60_000;

    @TempDir
    Path dir;

    @Test
    void oneProcessImportsWhileAnotherSearchesAndListsJobs() throws Exception {
        assertThat(crm(dir, "import", CrmProcess.example("musteriler.csv").toString()).exitCode()).isZero();
        Path file = CrmProcess.customersCsv(dir.resolve("musteriler.csv"), ROWS, "0532", null);

        Process importing = CrmProcess.start(dir, dir.resolve("import.out"), dir.resolve("import.err"),
                "import", file.toString(), "--json");
        int readsWhileImporting = 0;
        while (importing.isAlive() || readsWhileImporting == 0) {
            Result search = crm(dir, "customers", "search", "ayşe", "--json");
            assertThat(search.exitCode()).as(search.toString()).isZero();
            assertThat(search.json().get("customers")).as("the first import's customers stay found").hasSize(2);
            Result jobs = crm(dir, "jobs", "list", "--json");
            assertThat(jobs.exitCode()).as(jobs.toString()).isZero();
            assertThat(jobs.json().get("jobs").size()).isBetween(1, 2);
            Result count = crm(dir, "customers", "count", "müşteri", "--json");
            assertThat(count.exitCode()).as(count.toString()).isZero();
            assertThat(count.json().get("count").asLong()).isBetween(0L, (long) ROWS);
            readsWhileImporting++;
        }

        assertThat(importing.waitFor(3, TimeUnit.MINUTES)).as("the import ends").isTrue();
        String out = Files.readString(dir.resolve("import.out"), StandardCharsets.UTF_8);
        String err = Files.readString(dir.resolve("import.err"), StandardCharsets.UTF_8);
        assertThat(importing.exitValue()).as(out + err).isZero();
        JsonNode report = new ObjectMapper().readTree(out);
        assertThat(report.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(report.get("created").asLong()).isEqualTo(ROWS);
        assertThat(crm(dir, "customers", "count", "müşteri", "--json").json().get("count").asLong()).isEqualTo(ROWS);
    }
}
