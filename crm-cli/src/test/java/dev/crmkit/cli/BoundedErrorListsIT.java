package dev.crmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file whose every row is invalid imports in a small heap, real run and dry run, with every
 * error in the {@code --json} document, in the {@code --errors} report and in {@code jobs show}:
 * the tool runs as a user runs it, in its own JVM with {@value #HEAP}, on the default SQLite store.
 * Errors held in memory take about 150 bytes each, so half a million of them need several times
 * this heap; {@code crm-bench}'s {@code ErrorListMemoryRun} runs the ten-million-row form.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BoundedErrorListsIT {

    private static final int ROWS = 500_000;
    private static final String HEAP = "-Xmx64m";

    @TempDir
    static Path dir;
    private static Path file;
    private static long jobId;

    @BeforeAll
    static void writeTheFile() throws IOException {
        file = dir.resolve("hepsi-hatali.csv");
        try (Writer w = Files.newBufferedWriter(file, Charset.forName("windows-1254"))) {
            w.write("Ad Soyad;Telefon\r\n");
            for (int i = 0; i < ROWS; i++) {
                w.write("Müşteri " + i + ";12" + (i % 1000) + "\r\n");
            }
        }
    }

    @Test
    @Order(1)
    void aRealRunWritesEveryErrorIntoOneJsonDocumentAndTheReport() throws Exception {
        Run run = run("import", file.toString(), "--json", "--errors", "hatalar.csv");

        assertThat(run.exit).as(run.err()).isEqualTo(CrmCli.REJECTED_ROWS);
        Document doc = Document.read(run.out);
        assertThat(doc.fields).containsEntry("status", "COMPLETED").containsEntry("dryRun", "false")
                .containsEntry("rejected", String.valueOf(ROWS)).containsEntry("created", "0")
                .containsEntry("fatal", "null");
        assertThat(doc.errors).isEqualTo(ROWS);
        assertThat(doc.lastErrorRow).isEqualTo(ROWS + 1);
        jobId = Long.parseLong(doc.fields.get("jobId"));
        try (Stream<String> lines = Files.lines(dir.resolve("hatalar.csv"), StandardCharsets.UTF_8)) {
            assertThat(lines.count()).as("the header and one line per rejected row").isEqualTo(ROWS + 1);
        }
    }

    @Test
    @Order(2)
    void aDryRunDoesTheSame() throws Exception {
        Run run = run("import", file.toString(), "--json", "--dry-run");

        assertThat(run.exit).as(run.err()).isEqualTo(CrmCli.REJECTED_ROWS);
        Document doc = Document.read(run.out);
        assertThat(doc.fields).containsEntry("dryRun", "true").containsEntry("rejected", String.valueOf(ROWS));
        assertThat(doc.errors).isEqualTo(ROWS);
    }

    @Test
    @Order(3)
    void jobsShowPrintsEveryErrorAligned() throws Exception {
        Run run = run("jobs", "show", String.valueOf(jobId));

        assertThat(run.exit).as(run.err()).isZero();
        long errorLines = 0;
        int codeColumn = -1;
        try (BufferedReader lines = Files.newBufferedReader(run.out, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("ROW ")) {
                    codeColumn = line.indexOf("CODE");
                } else if (line.contains("PHONE_INVALID")) {
                    assertThat(line.indexOf("PHONE_INVALID")).as(line).isEqualTo(codeColumn);
                    errorLines++;
                }
            }
        }
        assertThat(errorLines).isEqualTo(ROWS);
    }

    @Test
    @Order(4)
    void theSummaryShowsTwentyRowsAndCountsTheRest() throws Exception {
        Run run = run("import", file.toString(), "--dry-run");

        String out = Files.readString(run.out, StandardCharsets.UTF_8);
        assertThat(out.lines().filter(l -> l.contains("PHONE_INVALID"))).hasSize(20);
        assertThat(out).contains("... and 499,980 more rejected rows");
    }

    private record Run(int exit, Path out, Path errFile) {
        String err() throws IOException {
            return Files.readString(errFile, StandardCharsets.UTF_8);
        }
    }

    private static int runs;

    private Run run(String... args) throws Exception {
        runs++;
        Path out = dir.resolve("out-" + runs + ".txt");
        Path err = dir.resolve("err-" + runs + ".txt");
        Process p = CrmProcess.start(dir, HEAP, out, err, args);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("finished within 5 minutes").isTrue();
        return new Run(p.exitValue(), out, err);
    }

    /** The import document read as a stream: its top-level scalars, and a count of its errors. */
    private static final class Document {
        final Map<String, String> fields = new LinkedHashMap<>();
        long errors;
        long lastErrorRow;

        static Document read(Path file) throws IOException {
            Document doc = new Document();
            try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
                assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (name.equals("errors")) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            doc.errors++;
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String field = p.currentName();
                                p.nextToken();
                                if (field.equals("row")) {
                                    doc.lastErrorRow = p.getLongValue();
                                }
                            }
                        }
                    } else if (value.isStructStart()) {
                        p.skipChildren();
                        doc.fields.put(name, value == JsonToken.START_OBJECT ? "{...}" : "[...]");
                    } else {
                        doc.fields.put(name, value == JsonToken.VALUE_NULL ? "null" : p.getText());
                    }
                }
                assertThat(p.nextToken()).as("one document, nothing after it").isNull();
            }
            return doc;
        }
    }
}
