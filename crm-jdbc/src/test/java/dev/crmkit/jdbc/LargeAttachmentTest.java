package dev.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 50 MB attachment (the default size limit, to the byte) goes into the database and comes back
 * whole through the services in a JVM whose heap is capped at 128 MB: a copy of it there would
 * fill a good part of the heap, so the upload and the download have to stream. The JVM is a
 * child process ({@link AttachmentProcess}) so that the cap applies to nothing but the work; SQLite
 * runs from a file, as the embedded store does.
 */
class LargeAttachmentTest {

    private static final long MIB = 1024 * 1024;
    private static final long SIZE = 50 * MIB;
    private static final long SEED = 20_261_122L;
    private static final String HEAP = "-Xmx128m";

    private static String expectedSha256;

    @TempDir
    Path dir;

    @BeforeAll
    static void hashTheContent() throws IOException {
        expectedSha256 = AttachmentProcess.sha256(new AttachmentProcess.SeededBytes(SEED, SIZE));
    }

    @Test
    void aFiftyMegabyteAttachmentRoundTripsOnASqliteFile() throws Exception {
        String url = TestDatabases.sqliteUrl(dir.resolve("crm.db"));

        run(url, "", "");

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        try (HikariDataSource ds = new HikariDataSource(config)) {
            assertStoredInParts(ds);
        }
    }

    @Test
    void aFiftyMegabyteAttachmentRoundTripsOnPostgres() throws Exception {
        try (HikariDataSource ds = TestDatabases.freshPostgres()) {
            run(ds.getJdbcUrl(), "postgres", "");

            assertStoredInParts(ds);
        }
    }

    /** Runs the child JVM to its end and checks what it reports. */
    private void run(String url, String user, String password) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), HEAP, "-XX:+ExitOnOutOfMemoryError",
                "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"),
                AttachmentProcess.class.getName(), url, user, password, Long.toString(SIZE), Long.toString(SEED));
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        long start = System.nanoTime();
        Process process = pb.start();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        String report = "the child printed " + lines + " and on stderr:\n" + Files.readString(err, StandardCharsets.UTF_8);
        System.out.println("LargeAttachmentTest " + url.substring(0, url.indexOf(':', 5)) + ": child JVM ran "
                + millis + " ms: " + lines);

        assertThat(ended).as("the child finished in time; " + report).isTrue();
        assertThat(process.exitValue()).as("the child's exit code; " + report).isZero();
        long maxMemory = Long.parseLong(value(lines, "maxMemory=", report));
        assertThat(maxMemory).as("the child's heap was capped by " + HEAP).isLessThanOrEqualTo(128 * MIB)
                .isGreaterThan(64 * MIB);
        assertThat(lines).as(report).contains("ok")
                .anyMatch(l -> l.startsWith("uploaded ") && l.contains(" size=" + SIZE + " sha256=" + expectedSha256))
                .anyMatch(l -> l.startsWith("downloaded size=" + SIZE + " sha256=" + expectedSha256 + " "));
    }

    private static String value(List<String> lines, String prefix, String report) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(prefix.length()))
                .orElseThrow(() -> new AssertionError("no " + prefix + " line; " + report));
    }

    /** The blob is in the database's blob tables, in parts of 1 MiB. */
    private static void assertStoredInParts(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT a.size_bytes, a.sha256, b.size_bytes, b.part_count"
                    + " FROM crm_attachment a JOIN crm_blob b ON b.tenant = a.tenant AND b.blob_key = a.blob_key")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(SIZE);
                assertThat(rs.getString(2)).isEqualTo(expectedSha256);
                assertThat(rs.getLong(3)).isEqualTo(SIZE);
                assertThat(rs.getInt(4)).isEqualTo(50);
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), min(part_no), max(part_no) FROM crm_blob_part")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(50);
                assertThat(rs.getInt(2)).isZero();
                assertThat(rs.getInt(3)).isEqualTo(49);
            }
        }
    }
}
