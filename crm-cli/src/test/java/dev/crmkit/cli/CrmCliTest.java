package dev.crmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.cli.internal.CliStore;
import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.Importer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code crm} command run in-process through {@link CrmCli#execute}: every command, the JSON
 * documents of SPEC section 5 (exact field names) and the exit codes. Unless a test says
 * otherwise the store is the default SQLite file under the test's own working directory.
 */
class CrmCliTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final List<String> IMPORT_KEYS = List.of("jobId", "status", "dryRun", "rows", "created",
            "updated", "skipped", "rejected", "encoding", "delimiter", "warnings", "errors", "fatal");
    private static final List<String> JOB_KEYS = List.of("jobId", "status", "file", "dryRun", "rows", "created",
            "updated", "skipped", "rejected", "submittedAt", "startedAt", "finishedAt", "fatal");
    private static final List<String> CUSTOMER_KEYS = List.of("id", "type", "fullName", "phone", "phones", "email",
            "company", "segment", "status", "representative", "nationalId", "customFields", "createdAt", "updatedAt",
            "lastContactAt");
    private static final List<String> PHONE_KEYS = List.of("number", "status", "favorite", "owner");
    private static final List<String> ROW_ERROR_KEYS = List.of("row", "column", "value", "code", "message");
    private static final List<String> WARNING_KEYS = List.of("code", "column", "message");
    private static final List<String> FIELD_KEYS = List.of("key", "label", "type", "options", "required", "position");

    /** Two clean rows, UTF-8, {@code ;}. */
    private static final String CLEAN = """
            Ad Soyad;Telefon;E-posta;Şirket;Segment
            Ayşe Yılmaz;0530 123 45 67;ayse@ornek.com.tr;İstanbul Lojistik;VIP
            Işık Demir;0533 444 55 66;;Kaya İnşaat;Normal
            """;

    /** Four rows: rows 2 and 4 valid; row 3 has a bad phone and a bad e-mail, row 5 has no name. */
    private static final String WITH_BAD_ROWS = """
            Ad Soyad;Telefon;E-posta
            Ayşe Yılmaz;0530 123 45 67;ayse@ornek.com.tr
            Kötü Satır;12345;ali@ornek
            Işık Demir;0533 444 55 66;
            ;0538 111 11 11;
            """;

    @TempDir
    Path work;

    // ---------------------------------------------------------------------------------------------
    // Running the command

    record Result(int code, String out, String err) {

        /** Standard output as exactly one JSON document (trailing content fails). */
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (JsonProcessingException e) {
                throw new AssertionError("standard output is not one JSON document:\n" + out, e);
            }
        }

        List<String> lines() {
            return List.of(out.split("\n"));
        }
    }

    Result crm(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = CrmCli.execute(args, o, e, work, false);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs a command that must succeed with {@code --json} and returns its document. */
    JsonNode json(String... args) {
        String[] withJson = Arrays.copyOf(args, args.length + 1);
        withJson[args.length] = "--json";
        Result r = crm(withJson);
        assertThat(r.code()).as("exit code of %s; out=%s err=%s", List.of(args), r.out(), r.err()).isZero();
        return r.json();
    }

    long count(String... extra) {
        String[] args = new String[extra.length + 2];
        args[0] = "customers";
        args[1] = "count";
        System.arraycopy(extra, 0, args, 2, extra.length);
        return json(args).get("count").asLong();
    }

    // ---------------------------------------------------------------------------------------------
    // Files

    Path file(String name, String content) {
        return file(name, content, StandardCharsets.UTF_8);
    }

    Path file(String name, String content, Charset charset) {
        try {
            Path p = work.resolve(name);
            Files.write(p, content.getBytes(charset));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An XLSX with the given sheets; a {@link Double} cell becomes a numeric cell. */
    Path xlsx(String name, Map<String, Object[][]> sheets) {
        Path p = work.resolve(name);
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream os = Files.newOutputStream(p)) {
            sheets.forEach((sheetName, rows) -> {
                Sheet sheet = wb.createSheet(sheetName);
                for (int r = 0; r < rows.length; r++) {
                    Row row = sheet.createRow(r);
                    for (int c = 0; c < rows[r].length; c++) {
                        Object v = rows[r][c];
                        if (v instanceof Double d) {
                            row.createCell(c).setCellValue(d);
                        } else if (v != null) {
                            row.createCell(c).setCellValue((String) v);
                        }
                    }
                }
            });
            wb.write(os);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static List<List<String>> readXlsx(Path p) throws IOException {
        DataFormatter fmt = new DataFormatter();
        List<List<String>> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(p); Workbook wb = new XSSFWorkbook(in)) {
            Sheet sheet = wb.getSheetAt(0);
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    Cell cell = row.getCell(c);
                    cells.add(cell == null ? "" : fmt.formatCellValue(cell));
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    /** The lines of a UTF-8 text file, without a byte order mark. */
    static List<String> textLines(Path p) throws IOException {
        String text = Files.readString(p, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return List.of(text.split("\r?\n"));
    }

    static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.get(field).asText()));
        return values;
    }

    static void assertUsageError(Result r) {
        assertThat(r.code()).as("exit code; out=%s err=%s", r.out(), r.err()).isEqualTo(CrmCli.USAGE);
        JsonNode doc = r.json();
        assertThat(keys(doc)).containsExactly("error");
        assertThat(keys(doc.get("error"))).containsExactlyInAnyOrder("code", "message");
        assertThat(doc.get("error").get("code").asText()).isEqualTo("USAGE");
        assertThat(doc.get("error").get("message").asText()).isNotBlank();
    }

    static void assertError(Result r, String code) {
        assertThat(r.code()).as("exit code; out=%s err=%s", r.out(), r.err()).isEqualTo(CrmCli.FAILED);
        JsonNode doc = r.json();
        assertThat(keys(doc)).containsExactly("error");
        assertThat(keys(doc.get("error"))).containsExactlyInAnyOrder("code", "message");
        assertThat(doc.get("error").get("code").asText()).isEqualTo(code);
        assertThat(doc.get("error").get("message").asText()).isNotBlank();
    }

    /** The columns a terminal shows: code points of the composed form, marks joined to their letter. */
    static List<String> glyphs(String line) {
        String composed = Normalizer.normalize(line, Normalizer.Form.NFC);
        List<String> glyphs = new ArrayList<>();
        composed.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if ((type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) && !glyphs.isEmpty()) {
                glyphs.set(glyphs.size() - 1, glyphs.get(glyphs.size() - 1) + Character.toString(cp));
            } else {
                glyphs.add(Character.toString(cp));
            }
        });
        return glyphs;
    }

    /** The display column where {@code word} starts in {@code line}. */
    static int column(String line, String word) {
        int at = line.indexOf(word);
        assertThat(at).as("'%s' in '%s'", word, line).isNotNegative();
        return glyphs(line.substring(0, at)).size();
    }

    // =============================================================================================

    @Nested
    class Import {

        @Test
        void cleanCsvCompletesWithExitZeroAndTheImportDocument() {
            Path csv = file("temiz.csv", CLEAN);

            Result r = crm("import", csv.toString(), "--json");

            assertThat(r.code()).as(r.out() + r.err()).isEqualTo(CrmCli.OK);
            JsonNode doc = r.json();
            assertThat(keys(doc)).containsExactlyInAnyOrderElementsOf(IMPORT_KEYS);
            assertThat(doc.get("jobId").isIntegralNumber()).isTrue();
            assertThat(doc.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(doc.get("dryRun").asBoolean()).isFalse();
            assertThat(doc.get("dryRun").isBoolean()).isTrue();
            assertThat(doc.get("rows").asLong()).isEqualTo(2);
            assertThat(doc.get("created").asLong()).isEqualTo(2);
            assertThat(doc.get("updated").asLong()).isZero();
            assertThat(doc.get("skipped").asLong()).isZero();
            assertThat(doc.get("rejected").asLong()).isZero();
            assertThat(doc.get("encoding").asText()).isEqualToIgnoringCase("UTF-8");
            assertThat(doc.get("delimiter").asText()).isEqualTo(";");
            assertThat(doc.get("warnings").isArray()).isTrue();
            assertThat(doc.get("warnings")).isEmpty();
            assertThat(doc.get("errors").isArray()).isTrue();
            assertThat(doc.get("errors")).isEmpty();
            assertThat(doc.get("fatal").isNull()).isTrue();
            // --json: the document and nothing else, not even progress on standard error.
            assertThat(r.err()).isEmpty();

            assertThat(count()).isEqualTo(2);
            JsonNode ayse = json("customers", "show", "0530 123 45 67");
            assertThat(ayse.get("fullName").asText()).isEqualTo("Ayşe Yılmaz");
            assertThat(ayse.get("company").asText()).isEqualTo("İstanbul Lojistik");
            assertThat(ayse.get("segment").asText()).isEqualTo("VIP");
        }

        @Test
        void windows1254CsvIsDetectedAndKeepsTurkishLetters() {
            Path csv = file("musteriler-1254.csv", CLEAN, Charset.forName("windows-1254"));

            JsonNode doc = json("import", csv.toString());

            assertThat(doc.get("encoding").asText()).isEqualToIgnoringCase("windows-1254");
            assertThat(doc.get("delimiter").asText()).isEqualTo(";");
            assertThat(doc.get("created").asLong()).isEqualTo(2);
            JsonNode isik = json("customers", "show", "05334445566");
            assertThat(isik.get("fullName").asText()).isEqualTo("Işık Demir");
            assertThat(isik.get("company").asText()).isEqualTo("Kaya İnşaat");
        }

        @Test
        void anExplicitEncodingIsUsed() {
            Path csv = file("musteriler-1254.csv", CLEAN, Charset.forName("windows-1254"));

            JsonNode doc = json("import", csv.toString(), "--encoding", "windows-1254");

            assertThat(doc.get("encoding").asText()).isEqualToIgnoringCase("windows-1254");
            assertThat(json("customers", "show", "05301234567").get("fullName").asText()).isEqualTo("Ayşe Yılmaz");
        }

        @Test
        void englishHeadersAndACommaDelimiterAreRecognised() {
            Path csv = file("customers.csv", """
                    Full Name,Phone,Email,Company,Segment
                    John Doe,+90 536 000 11 22,john@example.com,ACME,Potential
                    """);

            JsonNode doc = json("import", csv.toString());

            assertThat(doc.get("delimiter").asText()).isEqualTo(",");
            assertThat(doc.get("created").asLong()).isEqualTo(1);
            JsonNode john = json("customers", "show", "+905360001122");
            assertThat(john.get("fullName").asText()).isEqualTo("John Doe");
            assertThat(john.get("email").asText()).isEqualTo("john@example.com");
            assertThat(john.get("company").asText()).isEqualTo("ACME");
            assertThat(john.get("segment").asText()).isEqualTo("POTENTIAL");
        }

        @Test
        void givenDelimitersTabAndPipe() {
            Path tsv = file("a.tsv", "Ad Soyad\tTelefon\nTab Kişi\t0530 123 45 67\n");
            Path pipe = file("b.txt", "Ad Soyad|Telefon\nBoru Kişi|0533 444 55 66\n");

            JsonNode tab = json("import", tsv.toString(), "--delimiter", "tab");
            JsonNode bar = json("import", pipe.toString(), "--delimiter", "|");

            assertThat(tab.get("delimiter").asText()).isEqualTo("\t");
            assertThat(tab.get("created").asLong()).isEqualTo(1);
            assertThat(bar.get("delimiter").asText()).isEqualTo("|");
            assertThat(bar.get("created").asLong()).isEqualTo(1);
            assertThat(count()).isEqualTo(2);
        }

        @Test
        void theExampleFileOfTheRepository() {
            Path example = Path.of("..", "examples", "musteriler.csv").toAbsolutePath();
            assertThat(example).isRegularFile();

            Result r = crm("import", example.toString(), "--json");

            assertThat(r.code()).as(r.out()).isIn(CrmCli.OK, CrmCli.REJECTED_ROWS);
            JsonNode doc = r.json();
            assertThat(keys(doc)).containsExactlyInAnyOrderElementsOf(IMPORT_KEYS);
            assertThat(doc.get("encoding").asText()).isEqualToIgnoringCase("windows-1254");
            assertThat(doc.get("delimiter").asText()).isEqualTo(";");
            long rows = doc.get("rows").asLong();
            assertThat(rows).isPositive();
            assertThat(doc.get("created").asLong() + doc.get("updated").asLong() + doc.get("skipped").asLong()
                    + doc.get("rejected").asLong()).isEqualTo(rows);
            assertThat(r.code() == CrmCli.REJECTED_ROWS).isEqualTo(doc.get("rejected").asLong() > 0);
            assertThat(count()).isEqualTo(doc.get("created").asLong());
        }

        @Test
        void regionReadsNumbersWithoutCountryCode() {
            Path csv = file("berlin.csv", "Ad Soyad;Telefon\nBerlin Kişi;030 901820\nTürk Kişi;+90 530 123 45 67\n");

            JsonNode doc = json("import", csv.toString(), "--region", "de");

            assertThat(doc.get("created").asLong()).isEqualTo(2);
            assertThat(json("customers", "show", "+4930901820").get("fullName").asText()).isEqualTo("Berlin Kişi");
            assertThat(json("customers", "show", "+905301234567").get("fullName").asText()).isEqualTo("Türk Kişi");
        }

        @Test
        void xlsxHasNoDelimiterAndReadsNumericPhoneCells() {
            Map<String, Object[][]> sheets = new LinkedHashMap<>();
            sheets.put("Müşteriler", new Object[][] {
                    {"Ad Soyad", "Telefon", "Şirket"},
                    {"Çağrı Şahin", 905301234567d, "Ankara Gıda"},
                    {"Işık Demir", "0533 444 55 66", null}});
            Path x = xlsx("liste.xlsx", sheets);

            Result r = crm("import", x.toString(), "--json");

            assertThat(r.code()).as(r.out()).isEqualTo(CrmCli.OK);
            JsonNode doc = r.json();
            assertThat(keys(doc)).containsExactlyInAnyOrderElementsOf(IMPORT_KEYS);
            assertThat(doc.get("delimiter").isNull()).isTrue();
            assertThat(doc.get("created").asLong()).isEqualTo(2);
            JsonNode cagri = json("customers", "show", "+905301234567");
            assertThat(cagri.get("fullName").asText()).isEqualTo("Çağrı Şahin");
            assertThat(cagri.get("company").asText()).isEqualTo("Ankara Gıda");
        }

        @Test
        void sheetByNumberAndByName() {
            Map<String, Object[][]> sheets = new LinkedHashMap<>();
            sheets.put("Eski", new Object[][] {{"Ad Soyad", "Telefon"}, {"Eski Kişi", "0530 123 45 67"}});
            sheets.put("Yeni", new Object[][] {{"Ad Soyad", "Telefon"}, {"Yeni Kişi", "0533 444 55 66"}});
            Path x = xlsx("iki-sayfa.xlsx", sheets);

            JsonNode second = json("import", x.toString(), "--sheet", "2");
            assertThat(second.get("created").asLong()).isEqualTo(1);
            assertThat(count()).isEqualTo(1);
            assertThat(json("customers", "show", "05334445566").get("fullName").asText()).isEqualTo("Yeni Kişi");

            JsonNode first = json("import", x.toString(), "--sheet", "Eski");
            assertThat(first.get("created").asLong()).isEqualTo(1);
            assertThat(json("customers", "show", "05301234567").get("fullName").asText()).isEqualTo("Eski Kişi");
        }

        @Test
        void badRowsGiveExitThreeAndRowErrors() {
            Path csv = file("hatali.csv", WITH_BAD_ROWS);

            Result r = crm("import", csv.toString(), "--json");

            assertThat(r.code()).as(r.out() + r.err()).isEqualTo(CrmCli.REJECTED_ROWS);
            JsonNode doc = r.json();
            assertThat(keys(doc)).containsExactlyInAnyOrderElementsOf(IMPORT_KEYS);
            assertThat(doc.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(doc.get("rows").asLong()).isEqualTo(4);
            assertThat(doc.get("created").asLong()).isEqualTo(2);
            assertThat(doc.get("rejected").asLong()).as("rows, not errors").isEqualTo(2);
            assertThat(doc.get("fatal").isNull()).isTrue();

            JsonNode errors = doc.get("errors");
            assertThat(errors).hasSize(3);
            errors.forEach(e -> assertThat(keys(e)).containsExactlyInAnyOrderElementsOf(ROW_ERROR_KEYS));
            JsonNode phone = errors.get(0);
            assertThat(phone.get("row").asLong()).isEqualTo(3);
            assertThat(phone.get("row").isIntegralNumber()).isTrue();
            assertThat(phone.get("column").asText()).isEqualTo("Telefon");
            assertThat(phone.get("value").asText()).isEqualTo("12345");
            assertThat(phone.get("code").asText()).isEqualTo("PHONE_INVALID");
            assertThat(phone.get("message").asText()).contains("12345");
            JsonNode email = errors.get(1);
            assertThat(email.get("row").asLong()).isEqualTo(3);
            assertThat(email.get("column").asText()).isEqualTo("E-posta");
            assertThat(email.get("value").asText()).isEqualTo("ali@ornek");
            assertThat(email.get("code").asText()).isEqualTo("EMAIL_INVALID");
            JsonNode name = errors.get(2);
            assertThat(name.get("row").asLong()).isEqualTo(5);
            assertThat(name.get("column").asText()).isEqualTo("Ad Soyad");
            assertThat(name.get("code").asText()).isEqualTo("NAME_REQUIRED");
            assertThat(name.get("message").asText()).isNotBlank();

            assertThat(count()).isEqualTo(2);
        }

        @Test
        void unknownColumnsAreWarnings() {
            Path csv = file("renkli.csv", "Ad Soyad;Telefon;Renk\nAyşe Yılmaz;0530 123 45 67;mavi\n");

            JsonNode doc = json("import", csv.toString());

            assertThat(doc.get("warnings")).hasSize(1);
            JsonNode w = doc.get("warnings").get(0);
            assertThat(keys(w)).containsExactlyInAnyOrderElementsOf(WARNING_KEYS);
            assertThat(w.get("column").asText()).isEqualTo("Renk");
            assertThat(w.get("code").asText()).isNotBlank();
            assertThat(w.get("message").asText()).contains("Renk");
        }

        @Test
        void errorsOptionWritesTheRejectedRowsAsCsv() throws IOException {
            Path csv = file("hatali.csv", WITH_BAD_ROWS);
            Path report = work.resolve("hatalar.csv");

            Result r = crm("import", csv.toString(), "--errors", report.toString(), "--json");

            assertThat(r.code()).isEqualTo(CrmCli.REJECTED_ROWS);
            assertThat(report).exists();
            List<String> lines = textLines(report);
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0).split(";", -1)).containsExactly("Ad Soyad", "Telefon", "E-posta",
                    "row", "column", "code", "message");
            assertThat(lines.get(1)).startsWith("Kötü Satır;12345;ali@ornek;3;")
                    .contains("PHONE_INVALID").contains("EMAIL_INVALID");
            assertThat(lines.get(2)).contains("0538 111 11 11").contains(";5;").contains("NAME_REQUIRED");
            assertThat(String.join("\n", lines)).doesNotContain("Ayşe Yılmaz").doesNotContain("Işık Demir");
        }

        @Test
        void theCorrectedErrorFileImportsAsItIs() throws IOException {
            Path csv = file("hatali.csv", WITH_BAD_ROWS);
            Path report = work.resolve("hatalar.csv");
            assertThat(crm("import", csv.toString(), "--errors", report.toString()).code())
                    .isEqualTo(CrmCli.REJECTED_ROWS);

            String corrected = Files.readString(report, StandardCharsets.UTF_8)
                    .replace("Kötü Satır;12345;ali@ornek;", "Düzeltilmiş Satır;0539 000 00 00;ali@ornek.com.tr;")
                    .replace("\"\";0538 111 11 11;", "İsimli Satır;0538 111 11 11;");
            Files.writeString(report, corrected, StandardCharsets.UTF_8);

            Result again = crm("import", report.toString(), "--json");

            assertThat(again.code()).as(again.out()).isEqualTo(CrmCli.OK);
            assertThat(again.json().get("created").asLong()).isEqualTo(2);
            assertThat(count()).isEqualTo(4);
            assertThat(json("customers", "show", "05390000000").get("email").asText()).isEqualTo("ali@ornek.com.tr");
        }

        @Test
        void errorsOptionWritesAnXlsxReport() throws IOException {
            Path csv = file("hatali.csv", WITH_BAD_ROWS);
            Path report = work.resolve("hatalar.xlsx");

            assertThat(crm("import", csv.toString(), "--errors", report.toString()).code())
                    .isEqualTo(CrmCli.REJECTED_ROWS);

            List<List<String>> rows = readXlsx(report);
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0)).containsExactly("Ad Soyad", "Telefon", "E-posta", "row", "column", "code", "message");
            assertThat(rows.get(1).subList(0, 4)).containsExactly("Kötü Satır", "12345", "ali@ornek", "3");
            assertThat(rows.get(2).get(1)).isEqualTo("0538 111 11 11");
            assertThat(rows.get(2).get(3)).isEqualTo("5");
        }

        @Test
        void dryRunStoresNothing() throws IOException {
            Path csv = file("hatali.csv", WITH_BAD_ROWS);
            Path report = work.resolve("hatalar.csv");

            Result r = crm("import", csv.toString(), "--dry-run", "--errors", report.toString(), "--json");

            assertThat(r.code()).isEqualTo(CrmCli.REJECTED_ROWS);
            JsonNode doc = r.json();
            assertThat(keys(doc)).containsExactlyInAnyOrderElementsOf(IMPORT_KEYS);
            assertThat(doc.get("dryRun").asBoolean()).isTrue();
            assertThat(doc.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(doc.get("created").asLong()).as("what a real run would create").isEqualTo(2);
            assertThat(doc.get("rejected").asLong()).isEqualTo(2);
            assertThat(textLines(report)).as("the same error file as a real run").hasSize(3);
            assertThat(count()).isZero();
        }

        @Test
        void cleanDryRunExitsZero() {
            Path csv = file("temiz.csv", CLEAN);

            Result r = crm("import", csv.toString(), "--dry-run", "--json");

            assertThat(r.code()).isEqualTo(CrmCli.OK);
            assertThat(r.json().get("dryRun").asBoolean()).isTrue();
            assertThat(r.json().get("created").asLong()).isEqualTo(2);
            assertThat(count()).isZero();
            JsonNode jobs = json("jobs", "list").get("jobs");
            assertThat(jobs).hasSize(1);
            assertThat(jobs.get(0).get("dryRun").asBoolean()).isTrue();
        }

        @Test
        void atomicModeWithABadRowFailsAndStoresNothing() {
            Path csv = file("hatali.csv", WITH_BAD_ROWS);

            Result r = crm("import", csv.toString(), "--mode", "atomic", "--json");

            assertThat(r.code()).isEqualTo(CrmCli.FAILED);
            JsonNode doc = r.json();
            assertThat(keys(doc)).containsExactlyInAnyOrderElementsOf(IMPORT_KEYS);
            assertThat(doc.get("status").asText()).isEqualTo("FAILED");
            assertThat(keys(doc.get("fatal"))).containsExactlyInAnyOrder("code", "message");
            assertThat(doc.get("fatal").get("code").asText()).isEqualTo("ROWS_REJECTED");
            assertThat(doc.get("fatal").get("message").asText()).isNotBlank();
            assertThat(doc.get("created").asLong()).isZero();
            assertThat(doc.get("rejected").asLong()).isEqualTo(2);
            assertThat(texts(doc.get("errors"), "code")).containsExactly("PHONE_INVALID", "EMAIL_INVALID",
                    "NAME_REQUIRED");
            assertThat(count()).isZero();
        }

        @Test
        void atomicModeWithCleanRowsStoresThem() {
            Path csv = file("temiz.csv", CLEAN);

            Result r = crm("import", csv.toString(), "--mode", "ATOMIC", "--json");

            assertThat(r.code()).isEqualTo(CrmCli.OK);
            assertThat(r.json().get("created").asLong()).isEqualTo(2);
            assertThat(count()).isEqualTo(2);
        }

        @Test
        void reimportRejectsDuplicatesByDefault() {
            Path csv = file("temiz.csv", CLEAN);
            json("import", csv.toString());

            Result r = crm("import", csv.toString(), "--json");

            assertThat(r.code()).isEqualTo(CrmCli.REJECTED_ROWS);
            assertThat(r.json().get("rejected").asLong()).isEqualTo(2);
            assertThat(texts(r.json().get("errors"), "code")).containsOnly("DUPLICATE_PHONE");
            assertThat(count()).isEqualTo(2);
        }

        @Test
        void reimportWithOnDuplicateSkip() {
            Path csv = file("temiz.csv", CLEAN);
            json("import", csv.toString());

            Result r = crm("import", csv.toString(), "--on-duplicate", "skip", "--json");

            assertThat(r.code()).as("skips are not rejections").isEqualTo(CrmCli.OK);
            JsonNode doc = r.json();
            assertThat(doc.get("skipped").asLong()).isEqualTo(2);
            assertThat(doc.get("created").asLong()).isZero();
            assertThat(doc.get("updated").asLong()).isZero();
            assertThat(doc.get("rejected").asLong()).isZero();
            assertThat(count()).isEqualTo(2);
        }

        @Test
        void reimportWithOnDuplicateUpdate() {
            Path csv = file("temiz.csv", CLEAN);
            json("import", csv.toString());
            Path changed = file("degisen.csv", """
                    Ad Soyad;Telefon;Segment;Şirket
                    Ayşe Yılmaz;05301234567;Risk;
                    Işık Demir;+90 533 444 55 66;VIP;Yeni Şirket
                    """);

            Result r = crm("import", changed.toString(), "--on-duplicate", "UPDATE", "--json");

            assertThat(r.code()).isEqualTo(CrmCli.OK);
            JsonNode doc = r.json();
            assertThat(doc.get("updated").asLong()).isEqualTo(2);
            assertThat(doc.get("created").asLong()).isZero();
            assertThat(doc.get("skipped").asLong()).isZero();
            assertThat(count()).isEqualTo(2);
            JsonNode ayse = json("customers", "show", "05301234567");
            assertThat(ayse.get("segment").asText()).isEqualTo("RISK");
            assertThat(ayse.get("company").asText()).as("a blank cell keeps the stored value")
                    .isEqualTo("İstanbul Lojistik");
            JsonNode isik = json("customers", "show", "05334445566");
            assertThat(isik.get("segment").asText()).isEqualTo("VIP");
            assertThat(isik.get("company").asText()).isEqualTo("Yeni Şirket");
        }

        @Test
        void missingFileFailsWithFileUnreadableInTheImportDocument() {
            Path missing = work.resolve("yok.csv");

            Result r = crm("import", missing.toString(), "--json");

            assertThat(r.code()).isEqualTo(CrmCli.FAILED);
            JsonNode doc = r.json();
            // SPEC 5: with --json the import prints its document, the failure in `fatal`.
            assertThat(keys(doc)).containsExactlyInAnyOrderElementsOf(IMPORT_KEYS);
            assertThat(doc.get("status").asText()).isEqualTo("FAILED");
            assertThat(doc.get("fatal").get("code").asText()).isEqualTo("FILE_UNREADABLE");
            assertThat(doc.get("fatal").get("message").asText()).contains("yok.csv");
        }

        @Test
        void missingFileWithoutJsonNamesTheFile() {
            Path missing = work.resolve("yok.csv");

            Result r = crm("import", missing.toString());

            assertThat(r.code()).isEqualTo(CrmCli.FAILED);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("yok.csv").contains("FILE_UNREADABLE");
        }

        @Test
        void maxRowsAboveTheLimitFailsWithTooManyRows() {
            Path csv = file("uc.csv", """
                    Ad Soyad;Telefon
                    Bir Kişi;0530 123 45 67
                    İki Kişi;0533 444 55 66
                    Üç Kişi;0535 456 78 90
                    """);

            Result r = crm("import", csv.toString(), "--max-rows", "1", "--json");

            assertThat(r.code()).isEqualTo(CrmCli.FAILED);
            JsonNode doc = r.json();
            assertThat(keys(doc)).containsExactlyInAnyOrderElementsOf(IMPORT_KEYS);
            assertThat(doc.get("status").asText()).isEqualTo("FAILED");
            assertThat(doc.get("fatal").get("code").asText()).isEqualTo("TOO_MANY_ROWS");
            assertThat(doc.get("created").asLong()).isZero();
            assertThat(count()).isZero();

            assertThat(crm("import", csv.toString(), "--max-rows", "3").code()).isEqualTo(CrmCli.OK);
            assertThat(count()).isEqualTo(3);
        }

        @Test
        void maxFileSizeBelowTheFileSizeFailsWithFileTooLarge() {
            Path csv = file("temiz.csv", CLEAN);

            Result r = crm("import", csv.toString(), "--max-file-size", "10", "--json");

            assertThat(r.code()).isEqualTo(CrmCli.FAILED);
            JsonNode doc = r.json();
            assertThat(keys(doc)).containsExactlyInAnyOrderElementsOf(IMPORT_KEYS);
            assertThat(doc.get("status").asText()).isEqualTo("FAILED");
            assertThat(doc.get("fatal").get("code").asText()).isEqualTo("FILE_TOO_LARGE");
            assertThat(count()).isZero();

            assertThat(crm("import", csv.toString(), "--max-file-size", "1KB").code()).isEqualTo(CrmCli.OK);
            assertThat(count()).isEqualTo(2);
        }

        @Test
        void anEmptyFileFailsAndAHeaderOnlyFileCompletes() {
            Path empty = file("bos.csv", "");
            Path headerOnly = file("baslik.csv", "Ad Soyad;Telefon\n");

            Result r = crm("import", empty.toString(), "--json");
            assertThat(r.code()).isEqualTo(CrmCli.FAILED);
            assertThat(r.json().get("fatal").get("code").asText()).isEqualTo("FILE_EMPTY");

            Result h = crm("import", headerOnly.toString(), "--json");
            assertThat(h.code()).isEqualTo(CrmCli.OK);
            assertThat(h.json().get("status").asText()).isEqualTo("COMPLETED");
            assertThat(h.json().get("rows").asLong()).isZero();
        }

        @Test
        void aMissingRequiredColumnFailsTheJob() {
            Path csv = file("telefonsuz.csv", "Ad Soyad;E-posta\nAyşe Yılmaz;ayse@ornek.com.tr\n");

            Result r = crm("import", csv.toString(), "--json");

            assertThat(r.code()).isEqualTo(CrmCli.FAILED);
            assertThat(r.json().get("fatal").get("code").asText()).isEqualTo("HEADER_MISSING_REQUIRED");
            assertThat(r.json().get("fatal").get("message").asText()).containsIgnoringCase("telefon");
        }

        @ParameterizedTest
        @ValueSource(strings = {"--on-duplicate=maybe", "--delimiter=ab", "--encoding=nope", "--max-file-size=12XB",
                "--sheet=0", "--mode=sometimes", "--max-rows=many", "--region=XX"})
        void badOptionValuesAreUsageErrorsAndStoreNothing(String option) {
            Path csv = file("temiz.csv", CLEAN);
            String value = option.substring(option.indexOf('=') + 1);

            Result r = crm("import", csv.toString(), option, "--json");

            assertUsageError(r);
            assertThat(r.json().get("error").get("message").asText()).contains(value);
            assertThat(count()).isZero();
            assertThat(json("jobs", "list").get("jobs")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"--max-rows=0", "--max-rows=-1", "--max-file-size=0"})
        void limitsMustBePositive(String option) {
            Path csv = file("temiz.csv", CLEAN);

            assertUsageError(crm("import", csv.toString(), option, "--json"));
            assertThat(count()).isZero();
            assertThat(json("jobs", "list").get("jobs")).isEmpty();
        }

        @Test
        void badOptionValueWithoutJsonExplainsOnStandardError() {
            Path csv = file("temiz.csv", CLEAN);

            Result r = crm("import", csv.toString(), "--delimiter", "ab");

            assertThat(r.code()).isEqualTo(CrmCli.USAGE);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("'ab'");
            assertThat(count()).isZero();
        }

        @Test
        void humanOutputNamesFileRowAndColumnAndKeepsTurkishLetters() {
            String longCompany = "Işık Şirketler Grubu ".repeat(10).trim();
            assertThat(longCompany.length()).isGreaterThan(200);
            Path csv = file("hatalı-liste.csv", "Ad Soyad;Telefon;Şirket\n"
                    + "Ayşe Yılmaz;0530 123 45 67;İstanbul Lojistik\n"
                    + "Kötü Satır;12345;\n"
                    + "Işık Demir;0533 444 55 66;" + longCompany + "\n");

            Result r = crm("import", csv.toString());

            assertThat(r.code()).isEqualTo(CrmCli.REJECTED_ROWS);
            String out = r.out();
            assertThat(out).contains("hatalı-liste.csv");
            assertThat(out).contains("3 rows").contains("1 created").contains("2 rejected");
            String phoneLine = r.lines().stream().filter(l -> l.startsWith("3 ")).findFirst().orElseThrow();
            assertThat(phoneLine).contains("Telefon").contains("12345").contains("PHONE_INVALID");
            String companyLine = r.lines().stream().filter(l -> l.startsWith("4 ")).findFirst().orElseThrow();
            assertThat(companyLine).contains("Şirket").contains("Işık Şirketler").contains("VALUE_TOO_LONG");
            assertThat(out).doesNotContain("\uFFFD").doesNotContain("?irket");
        }

        @Test
        @DisplayName("a file with many bad rows shows the first 20 rejected rows and says how to get the rest")
        void manyErrorsAreCutToTwentyRowsWithAWayToTheRest() {
            StringBuilder csv = new StringBuilder("Ad Soyad;Telefon;E-posta\n");
            for (int i = 1; i <= 25; i++) {
                // Row 3 (the second) has two errors: both are shown, and it counts as one row.
                csv.append("Kötü ").append(i).append(";12").append(i).append(i == 2 ? ";posta-değil" : ";").append('\n');
            }
            Path file = file("kotu.csv", csv.toString());

            Result r = crm("import", file.toString());

            assertThat(r.code()).isEqualTo(CrmCli.REJECTED_ROWS);
            List<String> errorLines = r.lines().stream().filter(l -> l.matches("\\d+ .*")).toList();
            assertThat(errorLines).hasSize(21);
            assertThat(errorLines.get(0)).startsWith("2 ").contains("PHONE_INVALID");
            assertThat(errorLines.subList(1, 3)).allMatch(l -> l.startsWith("3 "))
                    .anyMatch(l -> l.contains("EMAIL_INVALID"));
            assertThat(errorLines.get(20)).startsWith("21 ");
            long jobId = Long.parseLong(r.lines().get(0).replaceAll(".*: job (\\d+) .*", "$1"));
            assertThat(r.lines()).contains("... and 5 more rejected rows: all of them with --errors FILE (a CSV or XLSX"
                    + " report), or with: crm jobs show " + jobId);

            Result show = crm("jobs", "show", Long.toString(jobId));
            List<String> shown = show.lines().stream().filter(l -> l.matches("\\d+ .*")).toList();
            assertThat(shown).hasSize(26);
            assertThat(shown).filteredOn(l -> l.contains("PHONE_INVALID")).hasSize(25);
            assertThat(shown.get(25)).startsWith("26 ");
            assertThat(show.out()).doesNotContain("more rejected");
            String header = show.lines().stream().filter(l -> l.startsWith("ROW")).findFirst().orElseThrow();
            assertThat(shown).as("aligned under the header").allMatch(l ->
                    l.indexOf("PHONE_INVALID") < 0 || l.indexOf("PHONE_INVALID") == header.indexOf("CODE"));
        }

        @Test
        void humanSummaryOfACleanImport() {
            Path csv = file("temiz.csv", CLEAN);

            Result r = crm("import", csv.toString());

            assertThat(r.code()).isEqualTo(CrmCli.OK);
            assertThat(r.out()).startsWith("temiz.csv: job ").contains("COMPLETED")
                    .contains("2 rows: 2 created, 0 updated, 0 skipped, 0 rejected")
                    .contains("delimiter ';'")
                    .doesNotContain("Rejected rows");
        }
    }

    // =============================================================================================

    @Nested
    class Customers {

        @BeforeEach
        void importCustomers() {
            Path csv = file("musteriler.csv", """
                    Ad Soyad;Telefon;E-posta;Şirket;Segment
                    Ayşe Yılmaz;0530 123 45 67;ayse@ornek.com.tr;İstanbul Lojistik;VIP
                    Işık Demir;0533 444 55 66;;Kaya İnşaat;Normal
                    Çağrı Şahin;0535 456 78 90;cagri@ornek.com.tr;;Risk
                    Zeynep Arslan;0541 222 33 44;;;Potansiyel
                    Mehmet Kaya;0542 555 66 77;;;VIP
                    """);
            assertThat(json("import", csv.toString()).get("created").asLong()).isEqualTo(5);
        }

        List<String> names(JsonNode searchDoc) {
            return texts(searchDoc.get("customers"), "fullName");
        }

        @Test
        void theCardShowsEveryBuiltInFieldWithWhatTheFileFilled() {
            Path csv = file("kart.csv", """
                    Ad Soyad;Telefon;Adres;Faks;Kuyruk;Durum;Toplam Tutar;Aksiyon Tarihi;Sonuç Kodu
                    Derya Aksoy;0544 100 20 30;Atatürk Cad. No:1 Kadıköy;0216 555 66 77;gelen;Arandı;1.250,50;15.01.2027;ARA
                    """);
            assertThat(json("import", csv.toString()).get("created").asLong()).isEqualTo(1);

            Result r = crm("customers", "show", "0544 100 20 30");
            assertThat(r.code()).as(r.err()).isZero();
            List<String> lines = r.out().lines().map(String::strip).toList();
            assertThat(lines).contains("Name               Derya Aksoy", "Address            Atatürk Cad. No:1 Kadıköy",
                    "Fax                0216 555 66 77", "Queue              gelen", "Processing status  Arandı",
                    "Total amount       1250.50", "Result code        ARA", "E-mail",
                    // The day the file gave, whatever this machine's time zone.
                    "Action date        2027-01-15");
            // Every built-in field has its row, in the enum's order, set or not.
            assertThat(lines).filteredOn(l -> l.startsWith("Loaded at")).hasSize(1);
            assertThat(r.out().indexOf("Type")).isLessThan(r.out().indexOf("Name"));
        }

        @Test
        void searchIgnoresTurkishLettersAndCase() {
            assertThat(names(json("customers", "search", "ayse"))).containsExactly("Ayşe Yılmaz");
            assertThat(names(json("customers", "search", "ISIK"))).containsExactly("Işık Demir");
            assertThat(names(json("customers", "search", "istanbul"))).containsExactly("Ayşe Yılmaz");
            assertThat(names(json("customers", "search", "CAGRI"))).containsExactly("Çağrı Şahin");
        }

        @Test
        void everyWordMustMatchSomeField() {
            assertThat(names(json("customers", "search", "kaya"))).containsExactlyInAnyOrder("Işık Demir",
                    "Mehmet Kaya");
            assertThat(names(json("customers", "search", "kaya", "insaat"))).containsExactly("Işık Demir");
        }

        @Test
        void aPhoneWrittenNationallyFindsTheE164Number() {
            JsonNode doc = json("customers", "search", "0530 123 45 67");

            assertThat(doc.get("customers")).hasSize(1);
            assertThat(doc.get("customers").get(0).get("phone").asText()).isEqualTo("+905301234567");
        }

        @Test
        void segmentFilter() {
            JsonNode vip = json("customers", "search", "--segment", "VIP");
            assertThat(names(vip)).containsExactlyInAnyOrder("Ayşe Yılmaz", "Mehmet Kaya");
            assertThat(texts(vip.get("customers"), "segment")).containsOnly("VIP");

            assertThat(names(json("customers", "search", "--segment", "vip,risk")))
                    .containsExactlyInAnyOrder("Ayşe Yılmaz", "Mehmet Kaya", "Çağrı Şahin");
            assertThat(names(json("customers", "search", "--segment", "POTENTIAL"))).containsExactly("Zeynep Arslan");
        }

        @Test
        void anUnknownSegmentIsAUsageError() {
            assertUsageError(crm("customers", "search", "--segment", "GOLD", "--json"));
        }

        @Test
        void sortByNameIsAlphabeticalInTurkish() {
            assertThat(names(json("customers", "search", "--sort", "name")))
                    .containsExactly("Ayşe Yılmaz", "Çağrı Şahin", "Işık Demir", "Mehmet Kaya", "Zeynep Arslan");
        }

        @Test
        void limitOneGivesACursorAndTheCursorContinuesWithoutRepeats() {
            JsonNode first = json("customers", "search", "--segment", "VIP", "--limit", "1", "--sort", "name");
            assertThat(keys(first)).containsExactlyInAnyOrder("customers", "nextCursor");
            assertThat(names(first)).containsExactly("Ayşe Yılmaz");
            assertThat(first.get("nextCursor").isTextual()).isTrue();

            JsonNode second = json("customers", "search", "--segment", "VIP", "--limit", "1", "--sort", "name",
                    "--cursor", first.get("nextCursor").asText());
            assertThat(names(second)).containsExactly("Mehmet Kaya");
        }

        @Test
        void pagingThroughEverythingSeesEachCustomerOnce() {
            List<Long> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                JsonNode page = cursor == null
                        ? json("customers", "search", "--limit", "2")
                        : json("customers", "search", "--limit", "2", "--cursor", cursor);
                assertThat(page.get("customers").size()).isLessThanOrEqualTo(2);
                page.get("customers").forEach(c -> seen.add(c.get("id").asLong()));
                cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
                pages++;
            } while (cursor != null && pages < 10);

            assertThat(cursor).as("the last page has no cursor").isNull();
            assertThat(seen).hasSize(5).doesNotHaveDuplicates();
            Set<Long> all = new HashSet<>();
            json("customers", "search", "--limit", "100").get("customers").forEach(c -> all.add(c.get("id").asLong()));
            assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
        }

        @Test
        void lastPageHasANullCursor() {
            JsonNode doc = json("customers", "search", "--limit", "20");

            assertThat(doc.get("customers")).hasSize(5);
            assertThat(doc.get("nextCursor").isNull()).isTrue();
        }

        @Test
        void customerDocumentHasExactlyTheSpecifiedFields() {
            JsonNode doc = json("customers", "search", "ayse");
            JsonNode c = doc.get("customers").get(0);

            assertThat(keys(c)).containsExactlyInAnyOrderElementsOf(CUSTOMER_KEYS);
            assertThat(c.get("id").isIntegralNumber()).isTrue();
            assertThat(c.get("type").asText()).isEqualTo("PERSON");
            assertThat(c.get("fullName").asText()).isEqualTo("Ayşe Yılmaz");
            assertThat(c.get("phone").asText()).isEqualTo("+905301234567");
            assertThat(c.get("email").asText()).isEqualTo("ayse@ornek.com.tr");
            assertThat(c.get("company").asText()).isEqualTo("İstanbul Lojistik");
            assertThat(c.get("segment").asText()).isEqualTo("VIP");
            assertThat(c.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(c.get("representative").isNull()).isTrue();
            assertThat(c.get("nationalId").isNull()).isTrue();
            assertThat(c.get("customFields").isObject()).isTrue();
            assertThat(c.get("customFields")).isEmpty();
            assertThat(Instant.parse(c.get("createdAt").asText())).isBeforeOrEqualTo(Instant.now());
            assertThat(Instant.parse(c.get("updatedAt").asText())).isBeforeOrEqualTo(Instant.now());
            assertThat(c.get("lastContactAt").isNull()).isTrue();

            assertThat(c.get("phones")).hasSize(1);
            JsonNode p = c.get("phones").get(0);
            assertThat(keys(p)).containsExactlyInAnyOrderElementsOf(PHONE_KEYS);
            assertThat(p.get("number").asText()).isEqualTo("+905301234567");
            assertThat(p.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(p.get("favorite").isBoolean()).isTrue();
            assertThat(p.get("owner").isNull()).isTrue();
        }

        @Test
        void showByIdAndByPhoneInNationalForm() {
            JsonNode found = json("customers", "search", "mehmet").get("customers").get(0);
            long id = found.get("id").asLong();

            JsonNode byId = json("customers", "show", String.valueOf(id));
            assertThat(keys(byId)).containsExactlyInAnyOrderElementsOf(CUSTOMER_KEYS);
            assertThat(byId.get("id").asLong()).isEqualTo(id);
            assertThat(byId.get("fullName").asText()).isEqualTo("Mehmet Kaya");

            JsonNode byPhone = json("customers", "show", "0542 555 66 77");
            assertThat(byPhone.get("id").asLong()).isEqualTo(id);
            assertThat(json("customers", "show", "05425556677").get("id").asLong()).isEqualTo(id);
            assertThat(json("customers", "show", "+905425556677").get("id").asLong()).isEqualTo(id);
        }

        @Test
        void showWithoutJsonPrintsACard() {
            Result r = crm("customers", "show", "0530 123 45 67");

            assertThat(r.code()).isEqualTo(CrmCli.OK);
            assertThat(r.out()).contains("Ayşe Yılmaz").contains("+905301234567").contains("İstanbul Lojistik")
                    .contains("VIP");
        }

        @Test
        void showUnknownIdFailsWithCustomerNotFound() {
            Result r = crm("customers", "show", "999999", "--json");

            assertError(r, "CUSTOMER_NOT_FOUND");
        }

        @Test
        void showUnknownWithoutJsonSaysSoOnStandardError() {
            Result r = crm("customers", "show", "0599 999 99 99");

            assertThat(r.code()).isEqualTo(CrmCli.FAILED);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("CUSTOMER_NOT_FOUND");
        }

        @Test
        void limitOutOfRangeIsAUsageError() {
            assertUsageError(crm("customers", "search", "--limit", "0", "--json"));
            assertUsageError(crm("customers", "search", "--limit", "1001", "--json"));
            assertThat(crm("customers", "search", "--limit", "0").code()).isEqualTo(CrmCli.USAGE);
        }

        @Test
        void countPrintsTheNumber() {
            JsonNode doc = json("customers", "count");
            assertThat(keys(doc)).containsExactly("count");
            assertThat(doc.get("count").isIntegralNumber()).isTrue();
            assertThat(doc.get("count").asLong()).isEqualTo(5);

            assertThat(count("kaya")).isEqualTo(2);
            assertThat(count("--segment", "VIP")).isEqualTo(2);
            assertThat(count("--segment", "RISK", "ayse")).isZero();

            Result human = crm("customers", "count");
            assertThat(human.out().trim()).isEqualTo("5");
        }

        @Test
        void contactedWithinFiltersAndRejectsHours() {
            JsonNode doc = json("customers", "search", "--contacted-within", "7d");
            assertThat(doc.get("customers")).as("nobody was contacted").isEmpty();
            assertThat(count("--contacted-within", "7")).isZero();

            assertUsageError(crm("customers", "search", "--contacted-within", "7h", "--json"));
        }

        @Test
        void noMatch() {
            JsonNode doc = json("customers", "search", "yokböyle");
            assertThat(doc.get("customers")).isEmpty();
            assertThat(doc.get("nextCursor").isNull()).isTrue();

            Result human = crm("customers", "search", "yokböyle");
            assertThat(human.code()).isEqualTo(CrmCli.OK);
            assertThat(human.out()).contains("No customer matches.");
        }

        @Test
        void humanSearchOutputIsAlignedEvenWithTurkishLetters() {
            Result r = crm("customers", "search", "--sort", "name");

            assertThat(r.code()).isEqualTo(CrmCli.OK);
            List<String> lines = r.lines();
            assertThat(lines).hasSize(6);
            String header = lines.get(0);
            assertThat(header).startsWith("ID");
            int name = column(header, "NAME");
            int phone = column(header, "PHONE");
            int segment = column(header, "SEGMENT");
            int updated = column(header, "UPDATED");
            assertThat(name).isLessThan(phone).isLessThan(segment).isLessThan(updated);
            List<String> expectedNames = List.of("Ayşe Yılmaz", "Çağrı Şahin", "Işık Demir", "Mehmet Kaya",
                    "Zeynep Arslan");
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                assertThat(column(line, expectedNames.get(i - 1))).as(line).isEqualTo(name);
                assertThat(column(line, "+90")).as(line).isEqualTo(phone);
                String seg = line.contains("VIP") ? "VIP" : line.contains("RISK") ? "RISK"
                        : line.contains("POTENTIAL") ? "POTENTIAL" : "NORMAL";
                assertThat(column(line, seg)).as(line).isEqualTo(segment);
                assertThat(glyphs(line).get(updated)).as(line).isNotBlank();
                assertThat(glyphs(line).get(updated - 1)).as(line).isBlank();
                assertThat(line).doesNotEndWith(" ");
            }
            assertThat(column(lines.get(1), "İstanbul Lojistik")).isEqualTo(column(header, "COMPANY"));
            assertThat(column(lines.get(3), "Kaya İnşaat")).isEqualTo(column(header, "COMPANY"));
        }

        @Test
        void humanSearchMentionsTheCursorWhenThereIsMore() {
            Result r = crm("customers", "search", "--limit", "2");

            assertThat(r.code()).isEqualTo(CrmCli.OK);
            assertThat(r.lines()).hasSize(4);
            assertThat(r.lines().get(3)).startsWith("More: add --cursor ");
        }
    }

    // =============================================================================================

    @Nested
    class Fields {

        @Test
        void addSingleSelectWithOptions() {
            JsonNode f = json("fields", "add", "renk", "--label", "Favori Renk", "--type", "SINGLE_SELECT",
                    "--options", "mavi,kırmızı");

            assertThat(keys(f)).containsExactlyInAnyOrderElementsOf(FIELD_KEYS);
            assertThat(f.get("key").asText()).isEqualTo("renk");
            assertThat(f.get("label").asText()).isEqualTo("Favori Renk");
            assertThat(f.get("type").asText()).isEqualTo("SINGLE_SELECT");
            List<String> options = new ArrayList<>();
            f.get("options").forEach(o -> options.add(o.asText()));
            assertThat(options).containsExactly("mavi", "kırmızı");
            assertThat(f.get("required").asBoolean()).isFalse();
            assertThat(f.get("position").isIntegralNumber()).isTrue();

            Result human = crm("fields", "add", "not", "--label", "Not", "--type", "TEXT");
            assertThat(human.code()).isEqualTo(CrmCli.OK);
            assertThat(human.out()).contains("not").contains("TEXT");
        }

        @Test
        void addListAndDelete() {
            json("fields", "add", "renk", "--label", "Favori Renk", "--type", "SINGLE_SELECT", "--options", "mavi,kırmızı");
            JsonNode required = json("fields", "add", "puan", "--label", "Puan", "--type", "NUMBER", "--required");
            assertThat(required.get("required").asBoolean()).isTrue();

            JsonNode list = json("fields", "list");
            assertThat(keys(list)).containsExactly("fields");
            JsonNode fields = list.get("fields");
            assertThat(texts(fields, "key")).containsExactlyInAnyOrder("renk", "puan");
            fields.forEach(f -> assertThat(keys(f)).containsExactlyInAnyOrderElementsOf(FIELD_KEYS));
            JsonNode renk = fields.get(texts(fields, "key").indexOf("renk"));
            List<String> options = new ArrayList<>();
            renk.get("options").forEach(o -> options.add(o.asText()));
            assertThat(options).containsExactly("mavi", "kırmızı");
            assertThat(renk.get("required").asBoolean()).isFalse();
            JsonNode puan = fields.get(texts(fields, "key").indexOf("puan"));
            assertThat(puan.get("type").asText()).isEqualTo("NUMBER");
            assertThat(puan.get("required").asBoolean()).isTrue();

            Result human = crm("fields", "list");
            assertThat(human.out()).contains("Favori Renk").contains("mavi, kırmızı").contains("yes");

            JsonNode deleted = json("fields", "delete", "puan");
            assertThat(keys(deleted)).containsExactly("deleted");
            assertThat(deleted.get("deleted").asText()).isEqualTo("puan");
            assertThat(texts(json("fields", "list").get("fields"), "key")).containsExactly("renk");

            assertError(crm("fields", "delete", "puan", "--json"), "FIELD_NOT_FOUND");
        }

        @Test
        void aDuplicateKeyFails() {
            json("fields", "add", "renk", "--label", "Renk", "--type", "TEXT");

            Result r = crm("fields", "add", "renk", "--label", "Başka Renk", "--type", "TEXT", "--json");

            assertError(r, "FIELD_KEY_TAKEN");
            JsonNode fields = json("fields", "list").get("fields");
            assertThat(fields).hasSize(1);
            assertThat(fields.get(0).get("label").asText()).isEqualTo("Renk");
        }

        @Test
        void badDefinitionsAreRefused() {
            assertThat(crm("fields", "add", "renk", "--label", "Renk", "--type", "COLOUR", "--json").code())
                    .isEqualTo(CrmCli.USAGE);
            assertThat(crm("fields", "add", "renk", "--type", "TEXT", "--json").code())
                    .as("--label is required").isEqualTo(CrmCli.USAGE);
            assertThat(crm("fields", "add", "renk", "--label", "Renk", "--type", "SINGLE_SELECT", "--json").code())
                    .as("a select field needs options").isNotZero();
            assertThat(crm("fields", "add", "Kötü Anahtar", "--label", "Renk", "--type", "TEXT", "--json").code())
                    .isNotZero();
            assertThat(json("fields", "list").get("fields")).isEmpty();
        }

        @Test
        void aColumnNamedByTheLabelImportsIntoCustomFields() {
            json("fields", "add", "renk", "--label", "Favori Renk", "--type", "SINGLE_SELECT", "--options", "mavi,kırmızı");
            json("fields", "add", "puan", "--label", "Puan", "--type", "NUMBER");
            Path csv = file("alanli.csv", """
                    Ad Soyad;Telefon;Favori Renk;Puan
                    Ayşe Yılmaz;0530 123 45 67;kırmızı;12,5
                    Işık Demir;0533 444 55 66;yeşil;3
                    """);

            Result r = crm("import", csv.toString(), "--json");

            assertThat(r.code()).isEqualTo(CrmCli.REJECTED_ROWS);
            JsonNode error = r.json().get("errors").get(0);
            assertThat(error.get("row").asLong()).isEqualTo(3);
            assertThat(error.get("column").asText()).isEqualTo("Favori Renk");
            assertThat(error.get("value").asText()).isEqualTo("yeşil");
            assertThat(error.get("code").asText()).isEqualTo("CUSTOM_FIELD_INVALID");
            JsonNode fields = json("customers", "show", "05301234567").get("customFields");
            assertThat(keys(fields)).containsExactlyInAnyOrder("renk", "puan");
            assertThat(fields.get("renk").asText()).isEqualTo("kırmızı");
            assertThat(fields.get("puan").isNumber()).as("numbers stay numbers").isTrue();
            assertThat(fields.get("puan").decimalValue()).isEqualByComparingTo("12.5");
        }

        @Test
        void aRequiredFieldMustHaveItsColumn() {
            json("fields", "add", "musteri_no", "--label", "Müşteri No", "--type", "TEXT", "--required");

            Result without = crm("import", file("a.csv", CLEAN).toString(), "--json");
            assertThat(without.code()).isEqualTo(CrmCli.FAILED);
            assertThat(without.json().get("fatal").get("code").asText()).isEqualTo("HEADER_MISSING_REQUIRED");

            Result with = crm("import", file("b.csv", """
                    Ad Soyad;Telefon;Müşteri No
                    Ayşe Yılmaz;0530 123 45 67;M-1
                    Işık Demir;0533 444 55 66;
                    """).toString(), "--json");
            assertThat(with.code()).isEqualTo(CrmCli.REJECTED_ROWS);
            assertThat(texts(with.json().get("errors"), "code")).containsExactly("CUSTOM_FIELD_REQUIRED");
            assertThat(json("customers", "show", "05301234567").get("customFields").get("musteri_no").asText())
                    .isEqualTo("M-1");
        }
    }

    // =============================================================================================

    @Nested
    class Users {

        @Test
        void addTwiceReportsAddedFalse() {
            JsonNode first = json("users", "add", "mehmet");
            assertThat(keys(first)).containsExactlyInAnyOrder("username", "added");
            assertThat(first.get("username").asText()).isEqualTo("mehmet");
            assertThat(first.get("added").asBoolean()).isTrue();

            JsonNode again = json("users", "add", "mehmet");
            assertThat(again.get("added").isBoolean()).isTrue();
            assertThat(again.get("added").asBoolean()).isFalse();

            json("users", "add", "ayse");
            JsonNode list = json("users", "list");
            assertThat(keys(list)).containsExactly("users");
            List<String> users = new ArrayList<>();
            list.get("users").forEach(u -> users.add(u.asText()));
            assertThat(users).containsExactly("ayse", "mehmet");

            Result human = crm("users", "list");
            assertThat(human.lines()).containsExactly("ayse", "mehmet");
        }

        @Test
        void adminIsAUsageError() {
            Result r = crm("users", "add", "admin", "--json");

            assertUsageError(r);
            assertThat(json("users", "list").get("users")).isEmpty();
        }

        @Test
        void aUsernameWithSpacesIsAUsageError() {
            assertUsageError(crm("users", "add", "iki kelime", "--json"));
        }

        @Test
        void usersAreRepresentativesInImports() {
            json("users", "add", "mehmet");
            Path csv = file("temsilci.csv", """
                    Ad Soyad;Telefon;Temsilci
                    Ayşe Yılmaz;0530 123 45 67;mehmet
                    Işık Demir;0533 444 55 66;kimse
                    """);

            Result r = crm("import", csv.toString(), "--json");

            assertThat(r.code()).isEqualTo(CrmCli.REJECTED_ROWS);
            assertThat(texts(r.json().get("errors"), "code")).containsExactly("REPRESENTATIVE_UNKNOWN");
            assertThat(json("customers", "show", "05301234567").get("representative").asText()).isEqualTo("mehmet");
        }

        @Test
        void usersBelongToATenant() {
            json("--tenant", "a", "users", "add", "mehmet");

            assertThat(json("--tenant", "b", "users", "list").get("users")).isEmpty();
            assertThat(json("--tenant", "a", "users", "list").get("users")).hasSize(1);
        }
    }

    // =============================================================================================

    @Nested
    class Jobs {

        long importBadFile() {
            Result r = crm("import", file("hatali.csv", WITH_BAD_ROWS).toString(), "--json");
            assertThat(r.code()).isEqualTo(CrmCli.REJECTED_ROWS);
            return r.json().get("jobId").asLong();
        }

        /** Queues a job the way another process would, without running it. */
        ImportJob submitQueued(String name, String content) {
            return submit(name, content, null);
        }

        /**
         * Submits a job and, with a lease, starts it as a process would that then dies: the job
         * stays RUNNING, held until the lease runs out.
         */
        ImportJob submit(String name, String content, Duration abandonedLease) {
            Path csv = file(name, content);
            try (CliStore store = CliStore.open(null, work)) {
                Crm crm = Crm.builder(store.storage()).userDirectory(store.users()).build();
                Importer importer = Importer.builder(crm).build();
                ImportJob job = importer.submit(Actor.admin(TenantId.of("default"), "admin"), csv,
                        ImportOptions.defaults());
                if (abandonedLease != null) {
                    TenantId tenant = TenantId.of("default");
                    assertThat(crm.importWorker().claimJob(tenant, job.id(), "dead-process", abandonedLease)).isTrue();
                    job = crm.importWorker().start(tenant, job.id(), "dead-process", abandonedLease);
                }
                return job;
            }
        }

        @Test
        void listHasExactlyTheJobFields() {
            long first = json("import", file("temiz.csv", "Ad Soyad;Telefon\nBaşka Kişi;0545 000 00 09\n")
                    .toString()).get("jobId").asLong();
            long second = importBadFile();

            JsonNode doc = json("jobs", "list");

            assertThat(keys(doc)).containsExactly("jobs");
            JsonNode jobs = doc.get("jobs");
            assertThat(jobs).hasSize(2);
            jobs.forEach(j -> assertThat(keys(j)).containsExactlyInAnyOrderElementsOf(JOB_KEYS));
            assertThat(jobs.get(0).get("jobId").asLong()).as("newest first").isEqualTo(second);
            assertThat(jobs.get(1).get("jobId").asLong()).isEqualTo(first);
            JsonNode bad = jobs.get(0);
            assertThat(bad.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(bad.get("file").asText()).isEqualTo("hatali.csv");
            assertThat(bad.get("dryRun").asBoolean()).isFalse();
            assertThat(bad.get("rows").asLong()).isEqualTo(4);
            assertThat(bad.get("created").asLong()).isEqualTo(2);
            assertThat(bad.get("updated").asLong()).isZero();
            assertThat(bad.get("skipped").asLong()).isZero();
            assertThat(bad.get("rejected").asLong()).isEqualTo(2);
            Instant submitted = Instant.parse(bad.get("submittedAt").asText());
            Instant started = Instant.parse(bad.get("startedAt").asText());
            Instant finished = Instant.parse(bad.get("finishedAt").asText());
            assertThat(submitted).isBeforeOrEqualTo(started);
            assertThat(started).isBeforeOrEqualTo(finished);
            assertThat(bad.get("fatal").isNull()).isTrue();
            assertThat(jobs.get(1).get("file").asText()).isEqualTo("temiz.csv");

            JsonNode limited = json("jobs", "list", "--limit", "1").get("jobs");
            assertThat(limited).hasSize(1);
            assertThat(limited.get(0).get("jobId").asLong()).isEqualTo(second);
        }

        @Test
        void showOneJob() {
            long id = importBadFile();

            JsonNode job = json("jobs", "show", String.valueOf(id));

            assertThat(keys(job)).containsExactlyInAnyOrderElementsOf(JOB_KEYS);
            assertThat(job.get("jobId").asLong()).isEqualTo(id);
            assertThat(job.get("file").asText()).isEqualTo("hatali.csv");
            assertThat(job.get("rejected").asLong()).isEqualTo(2);

            Result human = crm("jobs", "show", String.valueOf(id));
            assertThat(human.code()).isEqualTo(CrmCli.OK);
            assertThat(human.out()).contains("job " + id + " COMPLETED").contains("hatali.csv")
                    .contains("PHONE_INVALID").contains("NAME_REQUIRED");
        }

        @Test
        void showUnknownJobFails() {
            assertError(crm("jobs", "show", "999", "--json"), "JOB_NOT_FOUND");
            Result human = crm("jobs", "show", "999");
            assertThat(human.code()).isEqualTo(CrmCli.FAILED);
            assertThat(human.err()).contains("JOB_NOT_FOUND");
        }

        @Test
        void undoRemovesTheCreatedCustomers() {
            long id = json("import", file("temiz.csv", CLEAN).toString()).get("jobId").asLong();
            assertThat(count()).isEqualTo(2);

            JsonNode undo = json("jobs", "undo", String.valueOf(id));

            assertThat(undo.get("jobId").asLong()).isEqualTo(id);
            assertThat(undo.get("removed").asLong()).isEqualTo(2);
            assertThat(undo.get("restored").asLong()).isZero();
            assertThat(undo.get("leftAlone")).isEmpty();
            assertThat(count()).isZero();
            assertThat(crm("jobs", "list").out()).contains("(undone)");
        }

        @Test
        void undoOfAnUpdateRestoresThePreviousValues() {
            json("import", file("temiz.csv", CLEAN).toString());
            long update = json("import", file("vip.csv", "Ad Soyad;Telefon;Segment\nIşık Demir;0533 444 55 66;VIP\n")
                    .toString(), "--on-duplicate", "update").get("jobId").asLong();
            assertThat(json("customers", "show", "05334445566").get("segment").asText()).isEqualTo("VIP");

            JsonNode undo = json("jobs", "undo", String.valueOf(update));

            assertThat(undo.get("restored").asLong()).isEqualTo(1);
            assertThat(undo.get("removed").asLong()).isZero();
            assertThat(json("customers", "show", "05334445566").get("segment").asText()).isEqualTo("NORMAL");
            assertThat(count()).isEqualTo(2);
        }

        @Test
        void runWithNothingQueuedExitsZero() {
            json("import", file("temiz.csv", CLEAN).toString());

            JsonNode doc = json("jobs", "run");
            assertThat(keys(doc)).containsExactly("jobs");
            assertThat(doc.get("jobs")).isEmpty();

            Result human = crm("jobs", "run");
            assertThat(human.code()).isEqualTo(CrmCli.OK);
            assertThat(human.out()).contains("No job needed a worker.");
        }

        @Test
        void runWorksOnQueuedJobs() {
            ImportJob clean = submitQueued("kuyruk1.csv", "Ad Soyad;Telefon\nKuyruk Bir;0545 000 00 01\n");
            ImportJob bad = submitQueued("kuyruk2.csv", "Ad Soyad;Telefon\nKuyruk İki;0545 000 00 02\nKötü;12345\n");
            assertThat(json("jobs", "show", String.valueOf(clean.id())).get("status").asText()).isEqualTo("QUEUED");

            Result r = crm("jobs", "run", "--json");

            assertThat(r.code()).as("the worst of the jobs: one had a rejected row").isEqualTo(CrmCli.REJECTED_ROWS);
            JsonNode jobs = r.json().get("jobs");
            assertThat(jobs).hasSize(2);
            jobs.forEach(j -> assertThat(keys(j)).containsExactlyInAnyOrderElementsOf(JOB_KEYS));
            assertThat(texts(jobs, "status")).containsOnly("COMPLETED");
            assertThat(texts(jobs, "jobId")).containsExactlyInAnyOrder(String.valueOf(clean.id()),
                    String.valueOf(bad.id()));
            assertThat(count()).isEqualTo(2);
            assertThat(json("jobs", "run").get("jobs")).as("nothing left").isEmpty();
        }

        @Test
        void resumeRunsOneQueuedJob() {
            ImportJob queued = submitQueued("kuyruk.csv", "Ad Soyad;Telefon\nKuyruk Bir;0545 000 00 01\n");

            Result r = crm("jobs", "resume", String.valueOf(queued.id()), "--json");

            assertThat(r.code()).isEqualTo(CrmCli.OK);
            JsonNode job = r.json();
            assertThat(keys(job)).containsExactlyInAnyOrderElementsOf(JOB_KEYS);
            assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(job.get("created").asLong()).isEqualTo(1);
            assertThat(count()).isEqualTo(1);
        }

        @Test
        void runTakesOverAJobWhoseLeaseExpired() throws InterruptedException {
            ImportJob abandoned = submit("yarim.csv", "Ad Soyad;Telefon\nYarım Kalan;0545 000 00 01\n",
                    Duration.ofMillis(500));
            assertThat(json("jobs", "show", String.valueOf(abandoned.id())).get("status").asText())
                    .isEqualTo("RUNNING");
            Thread.sleep(700);

            Result r = crm("jobs", "run", "--json");

            assertThat(r.code()).as(r.out()).isEqualTo(CrmCli.OK);
            assertThat(texts(r.json().get("jobs"), "jobId")).containsExactly(String.valueOf(abandoned.id()));
            assertThat(json("jobs", "show", String.valueOf(abandoned.id())).get("status").asText())
                    .isEqualTo("COMPLETED");
            assertThat(count()).isEqualTo(1);
        }

        @Test
        void resumeWaitsForAHeldLeaseToExpire() {
            ImportJob held = submit("yarim.csv", "Ad Soyad;Telefon\nYarım Kalan;0545 000 00 01\n",
                    Duration.ofSeconds(1));
            long started = System.nanoTime();

            Result r = crm("--lease", "1s", "jobs", "resume", String.valueOf(held.id()), "--json");

            assertThat(r.code()).as(r.out()).isEqualTo(CrmCli.OK);
            assertThat(r.json().get("status").asText()).isEqualTo("COMPLETED");
            assertThat(r.json().get("created").asLong()).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(r.err()).as("--json: nothing but the document").isEmpty();
        }

        @Test
        void resumeUnknownJobFails() {
            assertError(crm("jobs", "resume", "999", "--json"), "JOB_NOT_FOUND");
        }

        @Test
        void cancelAQueuedJob() {
            ImportJob queued = submitQueued("kuyruk.csv", "Ad Soyad;Telefon\nKuyruk Bir;0545 000 00 01\n");

            JsonNode cancelled = json("jobs", "cancel", String.valueOf(queued.id()));

            assertThat(keys(cancelled)).containsExactlyInAnyOrderElementsOf(JOB_KEYS);
            assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
            assertThat(json("jobs", "run").get("jobs")).isEmpty();
            assertThat(count()).isZero();
        }

        @Test
        void cancelAnEndedJobFails() {
            long id = json("import", file("temiz.csv", CLEAN).toString()).get("jobId").asLong();

            Result r = crm("jobs", "cancel", String.valueOf(id), "--json");

            assertThat(r.code()).isEqualTo(CrmCli.FAILED);
            assertThat(keys(r.json())).containsExactly("error");
            assertThat(count()).isEqualTo(2);
        }

        @Test
        void limitOutOfRangeIsAUsageError() {
            assertUsageError(crm("jobs", "list", "--limit", "0", "--json"));
        }
    }

    // =============================================================================================

    @Nested
    class Template {

        @Test
        void csvTemplateHasTheBuiltInHeadersAndImportedUntouchedStoresNothing() throws IOException {
            Path out = work.resolve("sablon.csv");

            Result r = crm("template", out.toString());

            assertThat(r.code()).isEqualTo(CrmCli.OK);
            assertThat(out).exists();
            List<String> lines = textLines(out);
            assertThat(lines).hasSize(3);
            List<String> header = List.of(lines.get(0).split(";", -1));
            assertThat(header.subList(0, 4)).containsExactly("Ad Soyad", "Telefon", "E-posta", "Şirket");
            assertThat(header).contains("Segment");
            assertThat(lines.get(1).split(";", -1)).hasSize(header.size());
            assertThat(lines.get(2)).as("the marker row, quoted as CSV quotes a leading #").matches("\"#####[^;]*\"");

            Result imported = crm("import", out.toString(), "--json");
            assertThat(imported.code()).as(imported.out()).isEqualTo(CrmCli.OK);
            assertThat(imported.json().get("created").asLong()).isZero();
            assertThat(imported.json().get("warnings")).hasSize(1);
            assertThat(imported.json().get("warnings").get(0).get("code").asText()).isEqualTo("NO_RECORDS_BELOW_MARKER");
            assertThat(count()).isZero();
        }

        @Test
        void xlsxTemplateImportedUntouchedStoresNothing() throws IOException {
            Path out = work.resolve("sablon.xlsx");

            JsonNode doc = json("template", out.toString());

            assertThat(doc.get("format").asText()).isEqualTo("XLSX");
            assertThat(out).exists();
            List<List<String>> rows = readXlsx(out);
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).subList(0, 4)).containsExactly("Ad Soyad", "Telefon", "E-posta", "Şirket");
            assertThat(rows.get(2).get(0)).startsWith("#####");

            Result imported = crm("import", out.toString(), "--json");
            assertThat(imported.code()).as(imported.out()).isEqualTo(CrmCli.OK);
            assertThat(imported.json().get("delimiter").isNull()).isTrue();
            assertThat(imported.json().get("created").asLong()).isZero();
            assertThat(count()).isZero();
        }

        @Test
        void customFieldsAreTemplateColumns() throws IOException {
            json("fields", "add", "renk", "--label", "Favori Renk", "--type", "SINGLE_SELECT", "--options", "mavi,kırmızı");
            Path out = work.resolve("sablon.csv");

            JsonNode doc = json("template", out.toString());

            assertThat(doc.get("format").asText()).isEqualTo("CSV");
            List<String> lines = textLines(out);
            assertThat(lines.get(0).split(";", -1)).contains("Favori Renk");
            // The user's row below the marker: the example's values, another colour.
            Files.writeString(out, String.join("\r\n", lines) + "\r\n"
                    + lines.get(1).replace("Ayşe Yılmaz", "Can Arslan").replace("mavi", "kırmızı") + "\r\n",
                    StandardCharsets.UTF_8);
            assertThat(crm("import", out.toString()).code()).isEqualTo(CrmCli.OK);
            JsonNode customers = json("customers", "search").get("customers");
            assertThat(customers).hasSize(1);
            assertThat(customers.get(0).get("fullName").asText()).isEqualTo("Can Arslan");
            assertThat(customers.get(0).get("customFields").get("renk").asText()).isEqualTo("kırmızı");
        }
    }

    // =============================================================================================

    @Nested
    class Tenants {

        @Test
        void customersOfOneTenantAreNotFoundFromAnother() {
            JsonNode imported = json("--tenant", "a", "import", file("temiz.csv", CLEAN).toString());
            long jobId = imported.get("jobId").asLong();
            long id = json("--tenant", "a", "customers", "search", "ayse").get("customers").get(0).get("id").asLong();

            assertThat(json("--tenant", "b", "customers", "search", "ayse").get("customers")).isEmpty();
            assertThat(json("--tenant", "b", "customers", "count").get("count").asLong()).isZero();
            assertThat(json("customers", "count").get("count").asLong()).as("the default tenant").isZero();
            assertError(crm("--tenant", "b", "customers", "show", String.valueOf(id), "--json"), "CUSTOMER_NOT_FOUND");
            assertError(crm("--tenant", "b", "customers", "show", "0530 123 45 67", "--json"), "CUSTOMER_NOT_FOUND");
            assertError(crm("--tenant", "b", "jobs", "show", String.valueOf(jobId), "--json"), "JOB_NOT_FOUND");
            assertThat(json("--tenant", "b", "jobs", "list").get("jobs")).isEmpty();

            assertThat(json("customers", "count", "--tenant", "a").get("count").asLong()).isEqualTo(2);
        }

        @Test
        void theSamePhoneMayBeStoredInAnotherTenant() {
            json("--tenant", "a", "import", file("temiz.csv", CLEAN).toString());

            JsonNode b = json("--tenant", "b", "import", file("temiz.csv", CLEAN).toString());

            assertThat(b.get("created").asLong()).isEqualTo(2);
            assertThat(b.get("rejected").asLong()).isZero();
        }

        @Test
        void aBadTenantNameIsAUsageError() {
            assertUsageError(crm("--tenant", "", "customers", "count", "--json"));
            assertUsageError(crm("--tenant", "a b", "customers", "count", "--json"));
        }
    }

    // =============================================================================================

    @Nested
    class Stores {

        @Test
        void memoryLivesForOneExecution() {
            Path csv = file("temiz.csv", CLEAN);

            Result r = crm("--store", "memory", "import", csv.toString(), "--json");

            assertThat(r.code()).isEqualTo(CrmCli.OK);
            assertThat(r.json().get("created").asLong()).isEqualTo(2);
            assertThat(json("--store", "memory", "customers", "count").get("count").asLong()).isZero();
            assertThat(work.resolve("crm-data")).as("memory does not touch ./crm-data").doesNotExist();
        }

        @Test
        void aJdbcUrlKeepsItsData() {
            String url = "jdbc:sqlite:" + work.resolve("elsewhere-" + UUID.randomUUID() + ".db");

            json("--store", url, "import", file("temiz.csv", CLEAN).toString());

            assertThat(json("--store", url, "customers", "count").get("count").asLong()).isEqualTo(2);
            assertThat(count()).as("the default store is another").isZero();
        }

        @Test
        void theDefaultStoreLivesUnderTheWorkingDirectory() {
            json("import", file("temiz.csv", CLEAN).toString());

            assertThat(work.resolve("crm-data")).isDirectory();
            assertThat(count()).isEqualTo(2);
        }

        @Test
        void badStoreAndLeaseAreUsageErrors() {
            assertUsageError(crm("--store", "postgres://localhost/crm", "customers", "count", "--json"));
            assertUsageError(crm("--lease", "0s", "customers", "count", "--json"));
            assertUsageError(crm("--lease", "soon", "customers", "count", "--json"));
        }
    }

    // =============================================================================================

    @Nested
    class Usage {

        @Test
        void noCommand() {
            Result r = crm();

            assertThat(r.code()).isEqualTo(CrmCli.USAGE);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("import").contains("customers");
        }

        @Test
        void unknownCommand() {
            Result r = crm("bogus");

            assertThat(r.code()).isEqualTo(CrmCli.USAGE);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("bogus");
        }

        @Test
        void unknownOption() {
            Result r = crm("customers", "count", "--bogus");

            assertThat(r.code()).isEqualTo(CrmCli.USAGE);
            assertThat(r.err()).contains("--bogus");
        }

        @Test
        void help() {
            Result r = crm("--help");

            assertThat(r.code()).isEqualTo(CrmCli.OK);
            assertThat(r.out()).contains("Usage: crm").contains("import").contains("customers").contains("jobs")
                    .contains("template").contains("fields").contains("users");
        }

        @ParameterizedTest
        @ValueSource(strings = {"import", "customers search"})
        void subcommandHelp(String command) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--help");

            Result r = crm(args.toArray(String[]::new));

            // The tool's own usage errors say "Run 'crm <command> --help' for its usage".
            assertThat(r.code()).as("out=%s err=%s", r.out(), r.err()).isEqualTo(CrmCli.OK);
            assertThat(r.out()).contains("Usage: crm " + command);
        }

        @Test
        void version() {
            Result r = crm("--version");

            assertThat(r.code()).isEqualTo(CrmCli.OK);
            assertThat(r.out()).startsWith("crm ");
        }

        @Test
        void jsonUsageErrorIsAJsonDocument() {
            Result none = crm("--json");
            assertUsageError(none);
            assertThat(none.err()).isEmpty();

            Result unknown = crm("bogus", "--json");
            assertUsageError(unknown);
            assertThat(unknown.json().get("error").get("message").asText()).contains("bogus");

            Result missingParameter = crm("customers", "show", "--json");
            assertUsageError(missingParameter);
        }

        @Test
        void jsonMayComeBeforeOrAfterTheCommand() {
            assertThat(json("customers", "count").get("count").asLong()).isZero();

            Result before = crm("--json", "customers", "count");
            assertThat(before.code()).isZero();
            assertThat(before.json().get("count").asLong()).isZero();
        }
    }
}
