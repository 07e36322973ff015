package dev.crmkit.cli;

import static dev.crmkit.cli.CrmProcess.crm;
import static dev.crmkit.cli.CrmProcess.example;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmkit.cli.CrmProcess.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as a process on the files in {@code examples/}, each test in a fresh
 * working directory so the default store ({@code ./crm-data}) starts empty: JSON documents, exit
 * codes, and what a person reads.
 */
class ShippedExamplesIT {

    @TempDir
    Path dir;

    @Test
    void theTurkishExcelCsvImportsCompletelyAndAyseIsFound() {
        Result r = crm(dir, "import", example("musteriler.csv").toString(), "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode doc = r.json();
        assertThat(fieldNames(doc)).containsExactly("jobId", "status", "dryRun", "rows", "created", "updated",
                "skipped", "rejected", "encoding", "delimiter", "warnings", "errors", "fatal");
        assertThat(doc.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(doc.get("rows").asLong()).isEqualTo(10);
        assertThat(doc.get("created").asLong()).isEqualTo(10);
        assertThat(doc.get("rejected").asLong()).isZero();
        assertThat(doc.get("encoding").asText()).isEqualTo("windows-1254");
        assertThat(doc.get("delimiter").asText()).isEqualTo(";");
        assertThat(doc.get("fatal").isNull()).isTrue();
        assertThat(r.err()).as("nothing but the document with --json").isEmpty();
        assertThat(dir.resolve("crm-data")).as("the default store").isDirectory();

        Result search = crm(dir, "customers", "search", "ayse", "--json");
        assertThat(search.exitCode()).as(search.toString()).isZero();
        JsonNode customers = search.json().get("customers");
        assertThat(customers).extracting(c -> c.get("fullName").asText()).containsExactly("Ayşegül Koç", "Ayşe Yılmaz");
        JsonNode ayse = customers.get(1);
        assertThat(fieldNames(ayse)).containsExactly("id", "type", "fullName", "phone", "phones", "email", "company",
                "segment", "status", "representative", "nationalId", "customFields", "createdAt", "updatedAt",
                "lastContactAt");
        assertThat(ayse.get("phone").asText()).isEqualTo("+905301234567");
        assertThat(ayse.get("company").asText()).isEqualTo("İstanbul Lojistik");
        assertThat(ayse.get("segment").asText()).isEqualTo("VIP");
        assertThat(fieldNames(ayse.get("phones").get(0))).containsExactly("number", "status", "favorite", "owner");
        assertThat(search.json().get("nextCursor").isNull()).isTrue();

        Result human = crm(dir, "customers", "search", "ISIK");
        assertThat(human.exitCode()).isZero();
        assertThat(human.out()).contains("Işık Demir", "+905334445566");
    }

    @Test
    void theSpreadsheetAndTheEnglishCsvImportToo() {
        Result xlsx = crm(dir, "import", example("musteriler.xlsx").toString(), "--json");
        assertThat(xlsx.exitCode()).as(xlsx.toString()).isZero();
        assertThat(xlsx.json().get("created").asLong()).isEqualTo(4);
        assertThat(xlsx.json().get("delimiter").isNull()).as("no delimiter in a spreadsheet").isTrue();

        Result csv = crm(dir, "import", example("customers.csv").toString(), "--json");
        assertThat(csv.exitCode()).as(csv.toString()).isZero();
        assertThat(csv.json().get("created").asLong()).isEqualTo(3);
        assertThat(csv.json().get("encoding").asText()).isEqualTo("UTF-8");
        assertThat(csv.json().get("delimiter").asText()).isEqualTo(",");

        // A phone stored as a number in Excel lost its leading 0; it is found in any spelling.
        Result fatma = crm(dir, "customers", "show", "0532 123 45 67", "--json");
        assertThat(fatma.exitCode()).as(fatma.toString()).isZero();
        assertThat(fatma.json().get("fullName").asText()).isEqualTo("Fatma Aydın");
        assertThat(crm(dir, "customers", "count", "--json").json().get("count").asLong()).isEqualTo(7);
    }

    @Test
    void theFileWithBadRowsExitsWith3AndWritesTheErrorReport() throws IOException {
        Result r = crm(dir, "import", example("hatali-musteriler.csv").toString(), "--errors", "hatalar.csv", "--json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        JsonNode doc = r.json();
        assertThat(doc.get("created").asLong()).isEqualTo(2);
        assertThat(doc.get("rejected").asLong()).isEqualTo(4);
        List<String> errors = new ArrayList<>();
        for (JsonNode e : doc.get("errors")) {
            assertThat(fieldNames(e)).containsExactly("row", "column", "value", "code", "message");
            errors.add(e.get("row").asLong() + " " + e.get("column").asText() + " " + e.get("code").asText());
        }
        assertThat(errors).containsExactly("3 E-posta EMAIL_INVALID", "4 Ad Soyad NAME_REQUIRED",
                "5 Telefon DUPLICATE_IN_FILE", "6 Telefon PHONE_INVALID", "6 Segment SEGMENT_UNKNOWN");

        byte[] report = Files.readAllBytes(dir.resolve("hatalar.csv"));
        assertThat(report).startsWith(0xEF, 0xBB, 0xBF);
        List<String> lines = new String(report, StandardCharsets.UTF_8).substring(1).lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("Ad Soyad;Telefon;E-posta;Şirket;Segment;Müşteri Tipi;Toplam Tutar;Aksiyon Tarihi;"
                + "row;column;code;message");
        assertThat(lines.get(1)).startsWith("Gül Aydın;0542 200 30 40;gul@ornek;");

        // A person reads the same: file, row, column and value.
        Result again = crm(dir, "import", example("hatali-musteriler.csv").toString(), "--dry-run");
        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(again.out()).contains("hatali-musteriler.csv", "(dry run: nothing stored)",
                "Rejected rows of hatali-musteriler.csv:");
        assertThat(again.out().lines().filter(l -> l.startsWith("3 ")).findFirst().orElseThrow())
                .contains("E-posta", "gul@ornek", "EMAIL_INVALID");
        assertThat(again.out().lines().filter(l -> l.startsWith("2 ")).findFirst().orElseThrow())
                .as("now the good rows' phones are stored").contains("Telefon", "DUPLICATE_PHONE");
    }

    @Test
    void atomicModeFailsTheJobWithExitCode1AndStoresNothing() {
        Result r = crm(dir, "import", example("hatali-musteriler.csv").toString(), "--mode", "atomic", "--json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.json().get("status").asText()).isEqualTo("FAILED");
        assertThat(r.json().get("fatal").get("code").asText()).isEqualTo("ROWS_REJECTED");
        assertThat(crm(dir, "customers", "count", "--json").json().get("count").asLong()).isZero();
    }

    @Test
    void usageErrorsExitWith2AndChangeNothing() {
        Result r = crm(dir, "import", example("musteriler.csv").toString(), "--on-duplicate", "sometimes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--on-duplicate");
        assertThat(crm(dir, "import", example("musteriler.csv").toString(), "--delimiter", "ab").exitCode()).isEqualTo(2);
        assertThat(crm(dir, "customers").exitCode()).isEqualTo(2);
        assertThat(crm(dir, "nonsense").exitCode()).isEqualTo(2);
        assertThat(crm(dir, "customers", "count", "--json").json().get("count").asLong()).isZero();
    }

    @Test
    void aMissingFileFailsWithItsCode() {
        Result r = crm(dir, "import", "nowhere.csv", "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.json().get("fatal").get("code").asText()).isEqualTo("FILE_UNREADABLE");
        assertThat(r.json().get("jobId").isNull()).isTrue();
    }

    @Test
    void jobsAreListedShownAndUndone() {
        long jobId = crm(dir, "import", example("musteriler.csv").toString(), "--json").json().get("jobId").asLong();

        JsonNode jobs = crm(dir, "jobs", "list", "--json").json().get("jobs");
        assertThat(jobs).hasSize(1);
        assertThat(fieldNames(jobs.get(0))).containsExactly("jobId", "status", "file", "dryRun", "rows", "created",
                "updated", "skipped", "rejected", "submittedAt", "startedAt", "finishedAt", "fatal");
        assertThat(jobs.get(0).get("file").asText()).isEqualTo("musteriler.csv");
        assertThat(crm(dir, "jobs", "show", String.valueOf(jobId), "--json").json().get("created").asLong()).isEqualTo(10);

        Result undo = crm(dir, "jobs", "undo", String.valueOf(jobId), "--json");
        assertThat(undo.exitCode()).as(undo.toString()).isZero();
        assertThat(undo.json().get("removed").asLong()).isEqualTo(10);
        assertThat(crm(dir, "customers", "count", "--json").json().get("count").asLong()).isZero();

        Result unknown = crm(dir, "jobs", "show", "999", "--json");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.json().get("error").get("code").asText()).isEqualTo("JOB_NOT_FOUND");
    }

    @Test
    void theUntouchedTemplateImportsNoRecordAndSaysWhy() {
        for (String name : List.of("sablon.csv", "sablon.xlsx")) {
            Result t = crm(dir, "template", name);
            assertThat(t.exitCode()).as(t.toString()).isZero();
            Result imported = crm(dir, "import", name, "--dry-run", "--json");
            assertThat(imported.exitCode()).as(imported.toString()).isZero();
            assertThat(imported.json().get("rows").asLong()).isZero();
            assertThat(imported.json().get("warnings").get(0).get("code").asText()).isEqualTo("NO_RECORDS_BELOW_MARKER");
        }
    }

    @Test
    void aLongImportShowsPlainProgressLinesWhenNotOnATerminalAndNoneWithJson() throws IOException {
        Path big = dir.resolve("buyuk.csv");
        StringBuilder sb = new StringBuilder("Ad Soyad;Telefon\n");
        for (int i = 0; i < 40_000; i++) {
            sb.append("Müşteri ").append(i).append(";0532 ").append(String.format("%07d", i)).append('\n');
        }
        Files.writeString(big, sb, StandardCharsets.UTF_8);

        // Into the SQLite file store, which takes a few seconds for this many rows.
        Result plain = crm(dir, "import", big.toString());
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.err()).as("progress lines on standard error").contains("buyuk.csv: ", " rows/s", "% read");
        assertThat(plain.out()).contains("40,000 rows: 40,000 created");

        Result json = crm(dir, "import", big.toString(), "--store", "memory", "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.err()).isEmpty();
        assertThat(json.json().get("created").asLong()).isEqualTo(40_000);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
