package dev.crmkit.cli;

import static dev.crmkit.cli.CrmProcess.crm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.cli.internal.CliStore;
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
 * The default H2 store is served by whichever process opened it first. When that is a short-lived
 * process (a {@code crm jobs list} in a second terminal; here a small program) and it exits while
 * an import runs, the import's connections break: the import takes its job up again on a new
 * connection and finishes it, every row stored once, instead of failing half-way.
 */
class StoreHandOverIT {

    private static final int ROWS = 30_000;

    @TempDir
    Path dir;

    @Test
    void anImportGoesOnWhenTheProcessServingTheStoreExits() throws Exception {
        Path file = dir.resolve("musteriler.csv");
        StringBuilder sb = new StringBuilder("Ad Soyad;Telefon\r\n");
        for (int i = 0; i < ROWS; i++) {
            sb.append("Müşteri ").append(i).append(";0532 ").append(String.format("%07d", i)).append("\r\n");
        }
        Files.write(file, sb.toString().getBytes("windows-1254"));
        Path db = dir.resolve(CliStore.DEFAULT_DIRECTORY).resolve("crm").toAbsolutePath();

        String url = "jdbc:h2:file:" + db + ";AUTO_SERVER=TRUE";
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), StoreServer.class.getName(), url)
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile()).start();
        awaitLine(dir.resolve("server.out"), StoreServer.READY, server);
        Process importing = CrmProcess.start(dir, dir.resolve("import.out"), dir.resolve("import.err"),
                "import", file.toString(), "--json");
        try (Connection watcher = DriverManager.getConnection(url)) {
            awaitProgress(watcher, importing);
        }
        server.destroy();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("the serving process exits").isTrue();

        assertThat(importing.waitFor(3, TimeUnit.MINUTES)).as("the import ends").isTrue();
        String out = Files.readString(dir.resolve("import.out"), StandardCharsets.UTF_8);
        String err = Files.readString(dir.resolve("import.err"), StandardCharsets.UTF_8);
        assertThat(importing.exitValue()).as(out + err).isZero();
        assertThat(err).as("the lost connection was noticed and the job taken up again").contains("trying again");
        JsonNode report = new ObjectMapper().readTree(out);
        assertThat(report.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(report.get("rows").asLong()).isEqualTo(ROWS);
        assertThat(report.get("created").asLong()).isEqualTo(ROWS);
        assertThat(crm(dir, "customers", "count", "--json").json().get("count").asLong()).isEqualTo(ROWS);
        assertThat(crm(dir, "customers", "show", "0532 " + String.format("%07d", ROWS - 1), "--json").json()
                .get("fullName").asText()).isEqualTo("Müşteri " + (ROWS - 1));
    }

    private static void awaitLine(Path output, String line, Process process) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (!Files.readString(output, StandardCharsets.UTF_8).contains(line)) {
            assertThat(process.isAlive()).as(Files.readString(output, StandardCharsets.UTF_8)).isTrue();
            assertThat(Instant.now()).as("the store is served within a minute").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    /**
     * Opens the store first, so that it serves the store to the processes that come after, and
     * holds it open until it is stopped.
     */
    public static final class StoreServer {
        static final String READY = "serving";

        public static void main(String[] args) throws Exception {
            try (Connection c = DriverManager.getConnection(args[0])) {
                System.out.println(READY);
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }

    /** Waits, on a connection of this JVM's, until the import has committed its first rows. */
    private static void awaitProgress(Connection server, Process importing) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            assertThat(importing.isAlive()).as("the import runs").isTrue();
            try (Statement st = server.createStatement();
                    ResultSet rs = st.executeQuery("SELECT rows_read FROM crm_import_job")) {
                if (rs.next() && rs.getLong(1) > 0) {
                    return;
                }
            } catch (SQLException notYet) {
                // The import has not created its tables yet.
                last = notYet;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no progress within 2 minutes", last);
    }
}
