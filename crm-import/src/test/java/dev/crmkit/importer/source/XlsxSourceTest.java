package dev.crmkit.importer.source;

import java.util.LinkedHashMap;
import org.apache.poi.ss.usermodel.Row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.importer.ImportFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class XlsxSourceTest {

    /** For tests of other limits whose files, being repetitive, compress better than 1 to 100. */
    static final SourceOptions LENIENT_RATIO = SourceOptions.DEFAULT.withLimits(
            SourceLimits.DEFAULT.withMinInflateRatio(0.0001));

    @TempDir
    Path dir;

    static List<SourceRecord> readAll(Path file, SourceOptions options) {
        List<SourceRecord> records = new ArrayList<>();
        try (XlsxSource source = XlsxSource.open(file, options)) {
            for (SourceRecord r = source.next(); r != null; r = source.next()) {
                records.add(r);
            }
        }
        return records;
    }

    static List<SourceRecord> readAll(Path file) {
        return readAll(file, SourceOptions.DEFAULT);
    }

    static Path fixture(String name) {
        try {
            return Path.of(XlsxSourceTest.class.getResource("/xlsx/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path minimal(String sheetData) throws IOException {
        return MinimalXlsx.sheet(sheetData).write(dir.resolve("minimal.xlsx"));
    }

    /** The cells of the only row of a one-row sheet. */
    private List<String> onlyRow(MinimalXlsx workbook) throws IOException {
        List<SourceRecord> records = readAll(workbook.write(dir.resolve("one-row.xlsx")));
        assertThat(records).hasSize(1);
        return records.get(0).cells();
    }

    private static void assertFails(ErrorCode code, ThrowingCallable call, String... messageParts) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ImportFileException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            if (messageParts.length > 0) {
                assertThat(e.getMessage()).contains(messageParts);
            }
        });
    }

    @Nested
    @DisplayName("the committed Turkish customer list")
    class CustomerFixture {

        @Test
        @DisplayName("reads every kind of cell of the first sheet as the user sees it")
        void readsFirstSheet() {
            List<SourceRecord> records = readAll(fixture(XlsxFixtures.CUSTOMERS));

            assertThat(records).extracting(SourceRecord::rowNumber).containsExactly(1L, 2L, 3L, 4L, 6L);
            assertThat(records.get(0).cells()).containsExactly("Ad Soyad", "Telefon", "E-posta", "Kayıt Tarihi",
                    "Tutar", "Toplam", "Not", "Aktif", "Durum");
            assertThat(records.get(1).cells()).containsExactly("Ayşe Yılmaz", "905301234567", "ayse@example.com",
                    "2024-03-15", "1234.5", "2469", "Çok önemli müşteri", "TRUE", "Ayşe Yılmaz (VİP)");
            assertThat(records.get(2).cells()).isEmpty();
            assertThat(records.get(2).isBlank()).isTrue();
            assertThat(records.get(3).cells()).containsExactly("Işık Öztürk", "0530 123 45 67", "",
                    "2024-03-15T14:30", "=1+1", "#N/A", "", "FALSE");
            assertThat(records.get(4).cells()).containsExactly("Can Çelik", "", "", "1999-12-31");
        }

        @Test
        void reportsFormatSheetAndSize() throws IOException {
            Path file = fixture(XlsxFixtures.CUSTOMERS);
            try (XlsxSource source = XlsxSource.open(file, SourceOptions.DEFAULT)) {
                assertThat(source.info()).isEqualTo(
                        new SourceInfo(SourceFormat.XLSX, null, null, "Liste", Files.size(file)));
            }
        }

        @Test
        void readsSecondSheetByName() {
            List<SourceRecord> records = readAll(fixture(XlsxFixtures.CUSTOMERS),
                    SourceOptions.DEFAULT.withSheetName("Müşteriler"));

            assertThat(records).extracting(SourceRecord::cells).containsExactly(
                    List.of("Ad Soyad", "Telefon"),
                    List.of("Şule Ünal", "+90 532 765 43 21"),
                    List.of("İlker Güneş", "05421112233"));
        }

        @Test
        void readsDatesOfThe1904DateSystem() {
            List<SourceRecord> records = readAll(fixture(XlsxFixtures.DATES_1904));

            assertThat(records.get(1).cells()).containsExactly("2024-03-15", "2024-03-15T14:30:15");
        }

        @Test
        @DisplayName("the fixtures are what XlsxFixtures writes today")
        void fixturesAreCurrent() throws IOException {
            Path customers = XlsxFixtures.customers(dir.resolve("c.xlsx"));
            Path dates = XlsxFixtures.dates1904(dir.resolve("d.xlsx"));

            assertThat(readAll(customers)).isEqualTo(readAll(fixture(XlsxFixtures.CUSTOMERS)));
            assertThat(readAll(dates)).isEqualTo(readAll(fixture(XlsxFixtures.DATES_1904)));
        }
    }

    @Nested
    class Cells {

        @ParameterizedTest(name = "<v>{0}</v>")
        @ValueSource(strings = {"905301234567", "9.05301234567E11", "9.05301234567E+11", "905301234567.0",
                " 905301234567 "})
        @DisplayName("a number is its exact digits, never exponent notation or a trailing .0")
        void numberIsExactDigits(String xml) throws IOException {
            assertThat(onlyRow(MinimalXlsx.sheet("<row r=\"1\"><c r=\"A1\"><v>" + xml + "</v></c></row>")))
                    .containsExactly("905301234567");
        }

        @Test
        @DisplayName("a fraction is shown as Excel shows it: 15 significant digits, no float noise")
        void numbersKeepTheirDecimals() throws IOException {
            assertThat(onlyRow(MinimalXlsx.sheet("<row r=\"1\">"
                    + "<c r=\"A1\"><v>1234.5</v></c>"
                    + "<c r=\"B1\" t=\"n\"><v>1234.50</v></c>"
                    + "<c r=\"C1\"><v>-0.25</v></c>"
                    + "<c r=\"D1\"><v>0.30000000000000004</v></c>"
                    + "<c r=\"E1\"><v>1E-3</v></c>"
                    + "<c r=\"F1\"><v>0.0</v></c>"
                    + "<c r=\"G1\"><v>-0</v></c>"
                    + "<c r=\"H1\"><v>100</v></c>"
                    + "<c r=\"I1\"><v>1.7976931348623157E308</v></c>"
                    + "</row>")))
                    .containsExactly("1234.5", "1234.5", "-0.25", "0.3", "0.001", "0", "0", "100",
                            "179769313486232" + "0".repeat(294));
        }

        @Test
        @DisplayName("text that is not a number stays as written, and an absurd exponent is not expanded")
        void oddNumbersStayAsWritten() throws IOException {
            assertThat(onlyRow(MinimalXlsx.sheet("<row r=\"1\">"
                    + "<c r=\"A1\"><v>NaN</v></c><c r=\"B1\"><v>1E999999999</v></c><c r=\"C1\"><v></v></c>"
                    + "</row>")))
                    .containsExactly("NaN", "1E999999999");
        }

        @Test
        void sharedStringsIncludingRichTextRunsWithoutPhoneticRuns() throws IOException {
            MinimalXlsx workbook = MinimalXlsx.sheet("<row r=\"1\">"
                            + "<c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
                            + "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>0</v></c></row>")
                    .sharedStrings("<t>Ayşe</t>",
                            "<r><rPr><b/></rPr><t>Çok </t></r><r><t xml:space=\"preserve\">önemli </t></r><r><t>müşteri</t></r>",
                            "<t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh>");

            assertThat(onlyRow(workbook)).containsExactly("Ayşe", "Çok önemli müşteri", "東京", "Ayşe");
        }

        @Test
        void inlineStringsPlainAndRich() throws IOException {
            assertThat(onlyRow(MinimalXlsx.sheet("<row r=\"1\">"
                    + "<c r=\"A1\" t=\"inlineStr\"><is><t>Işık</t></is></c>"
                    + "<c r=\"B1\" t=\"inlineStr\"><is><r><rPr><i/></rPr><t>İs</t></r><r><t>tanbul</t></r></is></c>"
                    + "</row>")))
                    .containsExactly("Işık", "İstanbul");
        }

        @Test
        void formulaCellsGiveTheirCachedValueNeverTheFormula() throws IOException {
            assertThat(onlyRow(MinimalXlsx.sheet("<row r=\"1\">"
                    + "<c r=\"A1\"><f>1+1</f><v>2</v></c>"
                    + "<c r=\"B1\" t=\"str\"><f>\"a\"&amp;\"b\"</f><v>ab</v></c>"
                    + "<c r=\"C1\" t=\"b\"><f>TRUE()</f><v>1</v></c>"
                    + "<c r=\"D1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
                    + "<c r=\"E1\"><f>NOW()</f></c>"
                    + "<c r=\"F1\" t=\"s\"><v>0</v></c>"
                    + "</row>").sharedStrings("<t>=1+1</t>")))
                    .containsExactly("2", "ab", "TRUE", "#DIV/0!", "", "=1+1");
        }

        @Test
        void booleansAndErrors() throws IOException {
            assertThat(onlyRow(MinimalXlsx.sheet("<row r=\"1\">"
                    + "<c r=\"A1\" t=\"b\"><v>1</v></c><c r=\"B1\" t=\"b\"><v>0</v></c>"
                    + "<c r=\"C1\" t=\"e\"><v>#N/A</v></c><c r=\"D1\" t=\"e\"><v>#REF!</v></c>"
                    + "</row>")))
                    .containsExactly("TRUE", "FALSE", "#N/A", "#REF!");
        }

        @Test
        @DisplayName("_xHHHH_ escapes are decoded, an escaped underscore stays literal")
        void decodesOoxmlEscapes() throws IOException {
            assertThat(onlyRow(MinimalXlsx.sheet("<row r=\"1\">"
                    + "<c r=\"A1\" t=\"inlineStr\"><is><t>a_x000D_\nb</t></is></c>"
                    + "<c r=\"B1\" t=\"s\"><v>0</v></c>"
                    + "</row>").sharedStrings("<t>_x005F_x0041_ and _x0041_</t>")))
                    .containsExactly("a\r\nb", "_x0041_ and A");
        }

        @Test
        void textKeepsItsWhitespaceAndEntities() throws IOException {
            assertThat(onlyRow(MinimalXlsx.sheet("<row r=\"1\">"
                    + "<c r=\"A1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">  Kaya &amp; Oğlu &lt;Ltd&gt; </t></is></c>"
                    + "<c r=\"B1\" t=\"inlineStr\"><is><t><![CDATA[a<b]]></t></is></c>"
                    + "</row>")))
                    .containsExactly("  Kaya & Oğlu <Ltd> ", "a<b");
        }
    }

    @Nested
    @DisplayName("a package whose parts are not under xl/")
    class PartsElsewhere {

        @Test
        @DisplayName("is found by its content types and relationships, as Excel and POI find it")
        void isRead() throws IOException {
            Path written = dir.resolve("poi.xlsx");
            try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(written)) {
                Row row = wb.createSheet("Müşteriler").createRow(0);
                row.createCell(0).setCellValue("Ayşe Yılmaz");
                row.createCell(1).setCellValue(905301234567d);
                wb.write(out);
            }
            // Every part moved from xl/ to kitap/, and every reference to it with it.
            Map<String, byte[]> moved = new LinkedHashMap<>();
            MinimalXlsx.readZip(written).forEach((name, bytes) -> {
                String text = new String(bytes, StandardCharsets.UTF_8);
                moved.put(name.replaceFirst("^xl/", "kitap/"), name.endsWith(".xml") || name.endsWith(".rels")
                        ? text.replace("/xl/", "/kitap/").replace("\"xl/", "\"kitap/").getBytes(StandardCharsets.UTF_8)
                        : bytes);
            });
            assertThat(moved.keySet()).noneMatch(name -> name.startsWith("xl/")).contains("kitap/workbook.xml");
            Path file = dir.resolve("kitap.xlsx");
            MinimalXlsx.writeZip(file, moved);

            assertThat(FormatDetector.detect(file)).isEqualTo(SourceFormat.XLSX);
            try (RecordSource source = Sources.open(file, SourceOptions.DEFAULT)) {
                SourceRecord first = source.next();
                assertThat(first).isNotNull();
                assertThat(first.cells()).containsExactly("Ayşe Yılmaz", "905301234567");
                assertThat(source.next()).isNull();
            }
        }
    }

    @Nested
    class Dates {

        private MinimalXlsx dated(String... values) {
            StringBuilder row = new StringBuilder("<row r=\"1\">");
            for (int i = 0; i < values.length; i++) {
                row.append("<c r=\"").append((char) ('A' + i)).append("1\" s=\"").append(values[i].split("@")[1])
                        .append("\"><v>").append(values[i].split("@")[0]).append("</v></c>");
            }
            return MinimalXlsx.sheet(row.append("</row>").toString())
                    .styles(Map.of(164, "dd.mm.yyyy", 165, "dd.mm.yyyy hh:mm:ss", 166, "0.00", 167, "[$-41F]d mmmm yyyy"),
                            0, 14, 164, 165, 166, 22, 167);
        }

        @Test
        @DisplayName("built-in and custom date formats give ISO dates, with a time of day when there is one")
        void dateFormatsGiveIsoDates() throws IOException {
            assertThat(onlyRow(dated("45366@1", "45366@2", "45366.604166666664@3", "45366.60434027778@3",
                    "45366.5@5", "45366@6")))
                    .containsExactly("2024-03-15", "2024-03-15", "2024-03-15T14:30", "2024-03-15T14:30:15",
                            "2024-03-15T12:00", "2024-03-15");
        }

        @Test
        @DisplayName("a format code longer than Excel allows is not taken for a date format")
        void overlongFormatCodesAreNotDates() throws IOException {
            MinimalXlsx workbook = MinimalXlsx.sheet("<row r=\"1\"><c r=\"A1\" s=\"0\"><v>45366</v></c></row>")
                    .styles(Map.of(164, "yyyy-mm-dd" + "\"x\"".repeat(100)), 164);
            assertThat(onlyRow(workbook)).containsExactly("45366");
        }

        @Test
        void numbersWithoutADateFormatStayNumbers() throws IOException {
            assertThat(onlyRow(dated("45366@0", "45366.25@4", "45366@99")))
                    .containsExactly("45366", "45366.25", "45366");
        }

        @Test
        @DisplayName("the 1904 date system of the workbook is honoured")
        void honoursThe1904DateSystem() throws IOException {
            // 43904 days after 1904-01-01 is 2024-03-15; in the 1900 system it is 2020-03-14.
            assertThat(onlyRow(dated("43904@1", "43904.25@3").date1904()))
                    .containsExactly("2024-03-15", "2024-03-15T06:00");
            assertThat(onlyRow(dated("43904@1"))).containsExactly("2020-03-14");
        }

        @Test
        void aTimeWithoutDateIsATimeOfDay() throws IOException {
            assertThat(onlyRow(dated("0.5@3", "0.604340277777778@3"))).containsExactly("12:00", "14:30:15");
        }

        @Test
        @DisplayName("negative and out-of-range serials with a date format stay numbers")
        void impossibleDatesStayNumbers() throws IOException {
            assertThat(onlyRow(dated("-1@1", "3000000@1"))).containsExactly("-1", "3000000");
        }

        @Test
        void isoDateCells() throws IOException {
            assertThat(onlyRow(MinimalXlsx.sheet("<row r=\"1\">"
                    + "<c r=\"A1\" t=\"d\"><v>2024-03-15T00:00:00</v></c>"
                    + "<c r=\"B1\" t=\"d\"><v>2024-03-15T14:30:00Z</v></c>"
                    + "<c r=\"C1\" t=\"d\"><v>2024-03-15</v></c>"
                    + "</row>")))
                    .containsExactly("2024-03-15", "2024-03-15T14:30", "2024-03-15");
        }

        @Test
        void poiWrittenDatesInBothSystems() throws IOException {
            List<SourceRecord> records = readAll(XlsxFixtures.dates1904(dir.resolve("d.xlsx")));
            assertThat(records.get(1).cells()).containsExactly("2024-03-15", "2024-03-15T14:30:15");
        }
    }

    @Nested
    class RowsAndColumns {

        @Test
        @DisplayName("missing rows are not returned; row numbers are the sheet's")
        void sparseRows() throws IOException {
            List<SourceRecord> records = readAll(minimal(
                    "<row r=\"2\"><c r=\"A2\"><v>2</v></c></row>"
                            + "<row r=\"5\"><c r=\"A5\"><v>5</v></c></row>"
                            + "<row r=\"1048576\"><c r=\"A1048576\"><v>1048576</v></c></row>"));

            assertThat(records).extracting(SourceRecord::rowNumber).containsExactly(2L, 5L, 1048576L);
            assertThat(records).extracting(r -> r.cell(0)).containsExactly("2", "5", "1048576");
        }

        @Test
        @DisplayName("missing cells are empty, trailing empty cells are left out")
        void sparseCells() throws IOException {
            List<SourceRecord> records = readAll(minimal("<row r=\"1\">"
                    + "<c r=\"B1\"><v>2</v></c><c r=\"E1\"><v>5</v></c><c r=\"F1\" s=\"0\"/>"
                    + "<c r=\"G1\" t=\"inlineStr\"><is><t></t></is></c></row>"));

            assertThat(records.get(0).cells()).containsExactly("", "2", "", "", "5");
        }

        @Test
        @DisplayName("rows and cells without a reference follow the previous ones")
        void referencesMayBeLeftOut() throws IOException {
            List<SourceRecord> records = readAll(minimal(
                    "<row><c><v>1</v></c><c><v>2</v></c><c r=\"D1\"><v>4</v></c><c><v>5</v></c></row>"
                            + "<row r=\"3\"><c><v>3</v></c></row><row><c><v>4</v></c></row>"));

            assertThat(records).extracting(SourceRecord::rowNumber).containsExactly(1L, 3L, 4L);
            assertThat(records.get(0).cells()).containsExactly("1", "2", "", "4", "5");
        }

        @Test
        void wideColumnsUpToXfd() throws IOException {
            List<SourceRecord> records = readAll(minimal(
                    "<row r=\"1\"><c r=\"AA1\"><v>27</v></c><c r=\"XFD1\"><v>16384</v></c></row>"));

            assertThat(records.get(0).cells()).hasSize(16_384);
            assertThat(records.get(0).cell(26)).isEqualTo("27");
            assertThat(records.get(0).cell(16_383)).isEqualTo("16384");
        }

        @Test
        @DisplayName("Strict OOXML workbooks are read like transitional ones")
        void strictOoxml() throws IOException {
            Path file = new MinimalXlsx()
                    .addSheet("Özet", "<row r=\"1\"><c><v>1</v></c></row>")
                    .addSheet("Müşteriler", "<row r=\"1\"><c t=\"s\"><v>0</v></c><c s=\"1\"><v>45366</v></c></row>")
                    .sharedStrings("<t>Ayşe</t>").styles(Map.of(), 0, 14).strict()
                    .write(dir.resolve("strict.xlsx"));
            assertThat(MinimalXlsx.text(file, "xl/workbook.xml")).contains("purl.oclc.org");

            assertThat(readAll(file, SourceOptions.DEFAULT.withSheetName("Müşteriler")).get(0).cells())
                    .containsExactly("Ayşe", "2024-03-15");
        }

        @Test
        void anEmptySheetHasNoRows() throws IOException {
            assertThat(readAll(minimal(""))).isEmpty();
        }

        @Test
        void endOfSheetIsSticky() throws IOException {
            try (XlsxSource source = XlsxSource.open(minimal("<row r=\"1\"><c><v>1</v></c></row>"),
                    SourceOptions.DEFAULT)) {
                assertThat(source.next()).isNotNull();
                assertThat(source.next()).isNull();
                assertThat(source.next()).isNull();
            }
        }

        @Test
        @DisplayName("a row numbered 0 is refused in words: rows are numbered from 1")
        void aRowNumberedZeroIsUnreadable() throws IOException {
            Path file = minimal("<row r=\"0\"><c><v>1</v></c></row><row r=\"1\"><c><v>2</v></c></row>");
            assertFails(ErrorCode.FILE_UNREADABLE, () -> readAll(file), "a row has the number 0, but rows are numbered from 1");
        }

        @Test
        void rowsOutOfOrderAreUnreadable() throws IOException {
            Path file = minimal("<row r=\"2\"><c><v>1</v></c></row><row r=\"1\"><c><v>1</v></c></row>");
            assertFails(ErrorCode.FILE_UNREADABLE, () -> readAll(file), "row 1 comes after row 2");
        }

        @Test
        void cellsOutOfOrderAreUnreadable() throws IOException {
            Path file = minimal("<row r=\"1\"><c r=\"C1\"><v>1</v></c><c r=\"B1\"><v>1</v></c></row>");
            assertFails(ErrorCode.FILE_UNREADABLE, () -> readAll(file), "B1");
        }

        @Test
        void cellsBeyondXfdAreUnreadable() throws IOException {
            Path file = minimal("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>");
            assertFails(ErrorCode.FILE_UNREADABLE, () -> readAll(file), "beyond column XFD");
        }

        @Test
        void aSharedStringThatDoesNotExistIsUnreadable() throws IOException {
            Path file = MinimalXlsx.sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>")
                    .sharedStrings("<t>a</t>").write(dir.resolve("x.xlsx"));
            assertFails(ErrorCode.FILE_UNREADABLE, () -> readAll(file), "A1", "shared string 7");
        }

        @Test
        void theSheetEndingInsideARowIsUnreadable() throws IOException {
            Path file = MinimalXlsx.sheet("").replace("xl/worksheets/sheet1.xml",
                    MinimalXlsx.DECLARATION + "<worksheet xmlns=\"" + MinimalXlsx.MAIN_NS
                            + "\"><sheetData><row r=\"1\"><c><v>1</v></c>").write(dir.resolve("cut.xlsx"));
            assertFails(ErrorCode.FILE_UNREADABLE, () -> readAll(file), "cannot be read");
        }
    }

    @Nested
    class SheetSelection {

        private Path threeSheets() throws IOException {
            return new MinimalXlsx()
                    .addSheet("Özet", "<row r=\"1\"><c t=\"inlineStr\"><is><t>özet</t></is></c></row>")
                    .addSheet("Müşteriler", "<row r=\"1\"><c t=\"inlineStr\"><is><t>müşteriler</t></is></c></row>")
                    .addSheet("Arşiv", "<row r=\"1\"><c t=\"inlineStr\"><is><t>arşiv</t></is></c></row>")
                    .write(dir.resolve("three.xlsx"));
        }

        private String firstCell(Path file, SourceOptions options) {
            try (XlsxSource source = XlsxSource.open(file, options)) {
                return source.next().cell(0) + "@" + source.info().sheetName();
            }
        }

        @Test
        void firstSheetByDefault() throws IOException {
            assertThat(firstCell(threeSheets(), SourceOptions.DEFAULT)).isEqualTo("özet@Özet");
        }

        @Test
        void byIndexInWorkbookOrder() throws IOException {
            assertThat(firstCell(threeSheets(), SourceOptions.DEFAULT.withSheetIndex(2))).isEqualTo("arşiv@Arşiv");
        }

        @Test
        void byExactName() throws IOException {
            assertThat(firstCell(threeSheets(), SourceOptions.DEFAULT.withSheetName("Müşteriler").withSheetIndex(2)))
                    .isEqualTo("müşteriler@Müşteriler");
        }

        @ParameterizedTest
        @ValueSource(strings = {"MÜŞTERİLER", "müşteriler", "MUSTERILER", "musteriler", " Müşteriler "})
        @DisplayName("by name ignoring case and Turkish diacritics")
        void byFoldedName(String name) throws IOException {
            assertThat(firstCell(threeSheets(), SourceOptions.DEFAULT.withSheetName(name)))
                    .isEqualTo("müşteriler@Müşteriler");
        }

        @Test
        void anExactNameWinsOverAFoldedOne() throws IOException {
            Path file = new MinimalXlsx()
                    .addSheet("Musteriler", "<row r=\"1\"><c><v>1</v></c></row>")
                    .addSheet("Müşteriler", "<row r=\"1\"><c><v>2</v></c></row>")
                    .write(dir.resolve("two.xlsx"));
            assertThat(firstCell(file, SourceOptions.DEFAULT.withSheetName("Müşteriler"))).isEqualTo("2@Müşteriler");
            assertFails(ErrorCode.FILE_UNREADABLE,
                    () -> firstCell(file, SourceOptions.DEFAULT.withSheetName("MÜŞTERİLER")),
                    "ambiguous", "'Musteriler'", "'Müşteriler'");
        }

        @Test
        @DisplayName("a missing sheet name is unreadable and the message lists the sheets")
        void missingName() throws IOException {
            Path file = threeSheets();
            assertFails(ErrorCode.FILE_UNREADABLE,
                    () -> XlsxSource.open(file, SourceOptions.DEFAULT.withSheetName("Müşteri")),
                    "no sheet named 'Müşteri'", "'Özet', 'Müşteriler', 'Arşiv'");
        }

        @Test
        void missingIndex() throws IOException {
            Path file = threeSheets();
            assertFails(ErrorCode.FILE_UNREADABLE,
                    () -> XlsxSource.open(file, SourceOptions.DEFAULT.withSheetIndex(3)),
                    "no sheet number 4", "'Özet', 'Müşteriler', 'Arşiv'");
        }
    }

    @Nested
    class Limits {

        @Test
        @DisplayName("a file over maxFileBytes is FILE_TOO_LARGE before it is opened")
        void fileTooLarge() throws IOException {
            Path file = dir.resolve("not-even-a-zip.xlsx");
            Files.write(file, new byte[2048]);
            assertFails(ErrorCode.FILE_TOO_LARGE,
                    () -> XlsxSource.open(file, SourceOptions.DEFAULT.withLimits(
                            SourceLimits.DEFAULT.withMaxFileBytes(1024))), "2048", "1024");
        }

        @Test
        void tooManyRows() throws IOException {
            Path file = minimal("<row r=\"1\"><c><v>1</v></c></row><row r=\"2\"/><row r=\"7\"><c><v>3</v></c></row>");
            SourceOptions options = SourceOptions.DEFAULT.withLimits(SourceLimits.DEFAULT.withMaxRows(2));
            try (XlsxSource source = XlsxSource.open(file, options)) {
                assertThat(source.next().rowNumber()).isEqualTo(1);
                assertThat(source.next().rowNumber()).isEqualTo(2);
                assertFails(ErrorCode.TOO_MANY_ROWS, source::next, "more than 2 rows");
                assertFails(ErrorCode.TOO_MANY_ROWS, source::next);
            }
            assertThat(readAll(file, SourceOptions.DEFAULT.withLimits(SourceLimits.DEFAULT.withMaxRows(3)))).hasSize(3);
        }

        @Test
        @DisplayName("every kind of long cell is cut to maxCellChars + 1 characters")
        void longCellsAreCut() throws IOException {
            String longText = "ab".repeat(5_000);
            MinimalXlsx workbook = MinimalXlsx.sheet("<row r=\"1\">"
                            + "<c r=\"A1\" t=\"s\"><v>0</v></c>"
                            + "<c r=\"B1\" t=\"inlineStr\"><is><t>" + longText + "</t></is></c>"
                            + "<c r=\"C1\" t=\"str\"><f>x</f><v>" + longText + "</v></c>"
                            + "<c r=\"D1\"><v>" + "9".repeat(40) + "</v></c>"
                            + "<c r=\"E1\" t=\"inlineStr\"><is><t>short</t></is></c></row>")
                    .sharedStrings("<r><t>" + longText + "</t></r><r><t>" + longText + "</t></r>");
            Path file = workbook.write(dir.resolve("long.xlsx"));

            List<SourceRecord> records = readAll(file, SourceOptions.DEFAULT.withLimits(
                    SourceLimits.DEFAULT.withMaxCellChars(10)));

            assertThat(records.get(0).cells()).containsExactly("ababababab" + "a", "ababababab" + "a",
                    "ababababab" + "a", "9".repeat(11), "short");
        }

        @Test
        @DisplayName("a cut never splits a surrogate pair")
        void cutKeepsSurrogatePairs() throws IOException {
            Path file = minimal("<row r=\"1\"><c t=\"inlineStr\"><is><t>abc😀def</t></is></c></row>");
            List<SourceRecord> records = readAll(file, SourceOptions.DEFAULT.withLimits(
                    SourceLimits.DEFAULT.withMaxCellChars(3)));
            assertThat(records.get(0).cell(0)).isEqualTo("abc😀");
        }

        @Test
        @DisplayName("a part inflating beyond maxInflatedBytes is unreadable")
        void inflatedSizeLimit() throws IOException {
            StringBuilder rows = new StringBuilder();
            for (int i = 1; i <= 2_000; i++) {
                rows.append("<row r=\"").append(i).append("\"><c t=\"inlineStr\"><is><t>Müşteri ").append(i)
                        .append("</t></is></c></row>");
            }
            Path file = minimal(rows.toString());
            assertThat(readAll(file)).hasSize(2_000);
            assertFails(ErrorCode.FILE_UNREADABLE, () -> readAll(file, SourceOptions.DEFAULT.withLimits(
                    SourceLimits.DEFAULT.withMaxInflatedBytes(10_000))), "xl/worksheets/sheet1.xml",
                    "more than 10000 bytes");
        }

        @Test
        @DisplayName("a row of more than 8 million characters is refused")
        void rowCharacterLimit() throws IOException {
            String cell = "<c t=\"inlineStr\"><is><t>" + "x".repeat(32_767) + "</t></is></c>";
            Path file = minimal("<row r=\"1\">" + cell.repeat(260) + "</row>");
            assertFails(ErrorCode.FILE_UNREADABLE, () -> readAll(file, LENIENT_RATIO), "Row 1",
                    "more than 8388608 characters");
        }
    }

    @Nested
    @DisplayName("hostile and broken files")
    class Hostile {

        private Path valid() throws IOException {
            return MinimalXlsx.sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>45366</v></c></row>")
                    .sharedStrings("<t>Ayşe</t>")
                    .styles(Map.of(), 0, 14)
                    .write(dir.resolve("valid.xlsx"));
        }

        static Stream<String> xmlParts() {
            return Stream.of("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml",
                    "[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "docProps/core.xml");
        }

        private static byte[] withDoctype(byte[] xml, String doctype) {
            String text = new String(xml, StandardCharsets.UTF_8);
            int afterDeclaration = text.indexOf("?>") + 2;
            return (text.substring(0, afterDeclaration) + doctype + text.substring(afterDeclaration))
                    .getBytes(StandardCharsets.UTF_8);
        }

        @Test
        void theValidWorkbookIsRead() throws IOException {
            assertThat(readAll(valid()).get(0).cells()).containsExactly("Ayşe", "2024-03-15");
        }

        @ParameterizedTest
        @MethodSource("xmlParts")
        @DisplayName("a DOCTYPE with an external entity in any XML part is unreadable")
        void externalEntityInAnyPart(String part) throws IOException {
            Path valid = valid();
            byte[] original = MinimalXlsx.readZip(valid).get(part);
            Path file = MinimalXlsx.rewrite(valid, dir.resolve("xxe.xlsx"), part, withDoctype(original,
                    "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"));

            assertFails(ErrorCode.FILE_UNREADABLE, () -> readAll(file), part, "DOCTYPE");
        }

        @ParameterizedTest
        @MethodSource("xmlParts")
        @DisplayName("a billion-laughs entity bomb in any XML part is unreadable, quickly")
        void entityExpansionInAnyPart(String part) throws IOException {
            Path valid = valid();
            byte[] original = MinimalXlsx.readZip(valid).get(part);
            StringBuilder dtd = new StringBuilder("<!DOCTYPE x [<!ENTITY l0 \"ha\">");
            for (int i = 1; i <= 10; i++) {
                dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
            }
            Path file = MinimalXlsx.rewrite(valid, dir.resolve("lol.xlsx"), part,
                    withDoctype(original, dtd.append("]>").toString()));

            assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertFails(ErrorCode.FILE_UNREADABLE, () -> readAll(file), "DOCTYPE"));
        }

        @Test
        @DisplayName("a DOCTYPE hidden behind comments and UTF-16 is still found")
        void doctypeInUtf16AfterComment() throws IOException {
            String sheet = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!-- a > b --><?pi x?>"
                    + "<!DOCTYPE worksheet [<!ENTITY e \"x\">]><worksheet xmlns=\"" + MinimalXlsx.MAIN_NS
                    + "\"><sheetData/></worksheet>";
            byte[] utf16 = ("\uFEFF" + sheet).getBytes(StandardCharsets.UTF_16LE);
            Path file = MinimalXlsx.sheet("").replace("xl/worksheets/sheet1.xml", utf16).write(dir.resolve("u.xlsx"));

            assertFails(ErrorCode.FILE_UNREADABLE, () -> readAll(file), "DOCTYPE");
        }

        @Test
        void utf16WithoutDoctypeIsRead() throws IOException {
            String sheet = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><worksheet xmlns=\"" + MinimalXlsx.MAIN_NS
                    + "\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>Çiğdem</t></is></c></row></sheetData></worksheet>";
            Path file = MinimalXlsx.sheet("").replace("xl/worksheets/sheet1.xml",
                    ("\uFEFF" + sheet).getBytes(StandardCharsets.UTF_16BE)).write(dir.resolve("u.xlsx"));

            assertThat(readAll(file).get(0).cells()).containsExactly("Çiğdem");
        }

        @ParameterizedTest
        @ValueSource(strings = {"UTF-7", "IBM037", "UTF-32"})
        @DisplayName("an encoding in which markup could hide from the guard is refused")
        void foreignEncodingsAreRefused(String encoding) throws IOException {
            Path file = MinimalXlsx.sheet("").replace("xl/worksheets/sheet1.xml",
                    "<?xml version=\"1.0\" encoding=\"" + encoding + "\"?><worksheet/>").write(dir.resolve("e.xlsx"));
            assertFails(ErrorCode.FILE_UNREADABLE, () -> readAll(file), "encoding");
        }

        @Test
        void deepNestingIsRefused() throws IOException {
            Path file = MinimalXlsx.sheet("").replace("xl/worksheets/sheet1.xml", MinimalXlsx.DECLARATION
                    + "<worksheet>" + "<x>".repeat(300) + "</x>".repeat(300) + "</worksheet>").write(dir.resolve("d.xlsx"));
            assertFails(ErrorCode.FILE_UNREADABLE, () -> readAll(file), "more than 256 deep");
        }

        @Test
        @DisplayName("a tag of megabytes (a huge attribute) is refused before a parser buffers it")
        void hugeTagIsRefused() throws IOException {
            Path file = minimal("<row r=\"1\"><c r=\"A1\" x=\"" + "y".repeat(1_100_000) + "\"><v>1</v></c></row>");
            assertFails(ErrorCode.FILE_UNREADABLE, () -> readAll(file, LENIENT_RATIO), "longer than 1048576 bytes");
        }

        @Test
        @DisplayName("a zip bomb that admits its size fails before inflating")
        void honestZipBomb() throws IOException {
            Path file = zipBomb(false);
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertFails(ErrorCode.FILE_UNREADABLE,
                    () -> readAll(file), "xl/worksheets/sheet1.xml", "compressed more than 100 to 1"));
        }

        @Test
        @DisplayName("a zip bomb that lies about its size fails while inflating, quickly")
        void lyingZipBomb() throws IOException {
            Path file = zipBomb(true);
            assertThat(Files.size(file)).isLessThan(400_000);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertFails(ErrorCode.FILE_UNREADABLE,
                    () -> readAll(file), "xl/worksheets/sheet1.xml", "compressed more than 100 to 1"));
        }

        @Test
        @DisplayName("a bomb in a part POI parses into a DOM is held to a small size")
        void bombInContentTypes() throws IOException {
            Path valid = valid();
            byte[] types = MinimalXlsx.readZip(valid).get("[Content_Types].xml");
            String text = new String(types, StandardCharsets.UTF_8);
            String padded = text.replace("</Types>", "<!--" + " ".repeat(5_000_000) + "--></Types>");
            Path file = MinimalXlsx.rewrite(valid, dir.resolve("types.xlsx"), "[Content_Types].xml",
                    padded.getBytes(StandardCharsets.UTF_8));
            assertFails(ErrorCode.FILE_UNREADABLE, () -> readAll(file, SourceOptions.DEFAULT.withLimits(
                    SourceLimits.DEFAULT.withMinInflateRatio(0.0001))), "[Content_Types].xml", "4194304");
        }

        /**
         * A workbook whose sheet is 100 MB of spaces compressed about 1000 to 1, written without
         * holding it in memory; if {@code lie}, the central directory claims 1000 bytes.
         */
        private Path zipBomb(boolean lie) throws IOException {
            Path valid = valid();
            Map<String, byte[]> entries = MinimalXlsx.readZip(valid);
            Path file = dir.resolve(lie ? "lying-bomb.xlsx" : "bomb.xlsx");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
                zip.setLevel(Deflater.BEST_COMPRESSION);
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    if (e.getKey().equals("xl/worksheets/sheet1.xml")) {
                        zip.write(("<worksheet xmlns=\"" + MinimalXlsx.MAIN_NS + "\"><sheetData>")
                                .getBytes(StandardCharsets.UTF_8));
                        byte[] spaces = new byte[1 << 20];
                        Arrays.fill(spaces, (byte) ' ');
                        for (int i = 0; i < 100; i++) {
                            zip.write(spaces);
                        }
                        zip.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
                    } else {
                        zip.write(e.getValue());
                    }
                    zip.closeEntry();
                }
            }
            if (lie) {
                setDeclaredSize(file, "xl/worksheets/sheet1.xml", 1000);
            }
            return file;
        }

        /** Overwrites the uncompressed size of an entry in the central directory. */
        private void setDeclaredSize(Path file, String entry, int size) throws IOException {
            byte[] bytes = Files.readAllBytes(file);
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            byte[] name = entry.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i + 46 < bytes.length; i++) {
                if (b.getInt(i) == 0x02014b50 && b.getShort(i + 28) == name.length
                        && Arrays.equals(bytes, i + 46, i + 46 + name.length, name, 0, name.length)) {
                    b.putInt(i + 24, size);
                    Files.write(file, bytes);
                    return;
                }
            }
            throw new IllegalStateException("entry not found");
        }

        @Test
        @DisplayName("a zip directory of more entries than any workbook has is refused before it is read")
        void hugeCentralDirectory() throws IOException {
            Map<String, byte[]> entries = MinimalXlsx.readZip(valid());
            String longName = "xl/media/" + "p".repeat(200);
            for (int i = 0; i < 20_000; i++) {
                entries.put(longName + i, new byte[0]);
            }
            Path file = dir.resolve("many.xlsx");
            MinimalXlsx.writeZip(file, entries);
            assertFails(ErrorCode.FILE_UNREADABLE, () -> XlsxSource.open(file, SourceOptions.DEFAULT), "zip directory");
        }

        @ParameterizedTest
        @ValueSource(ints = {10, 100, 1000, 3000})
        void truncatedFilesAreUnreadable(int keptBytes) throws IOException {
            Path valid = valid();
            byte[] bytes = Files.readAllBytes(valid);
            Path file = Files.write(dir.resolve("cut.xlsx"), Arrays.copyOf(bytes, Math.min(keptBytes, bytes.length - 30)));
            assertFails(ErrorCode.FILE_UNREADABLE, () -> readAll(file), "truncated");
        }

        @Test
        void corruptCompressedDataIsUnreadable() throws IOException {
            Path file = valid();
            byte[] bytes = Files.readAllBytes(file);
            int sheet = indexOf(bytes, "xl/worksheets/sheet1.xml".getBytes(StandardCharsets.UTF_8));
            for (int i = sheet + 30; i < sheet + 90; i++) {
                bytes[i] = (byte) 0xFF;
            }
            Files.write(file, bytes);
            assertFails(ErrorCode.FILE_UNREADABLE, () -> readAll(file), "cannot be read");
        }

        private int indexOf(byte[] haystack, byte[] needle) {
            for (int i = 0; i + needle.length <= haystack.length; i++) {
                if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                    return i;
                }
            }
            throw new IllegalStateException("not found");
        }

        @Test
        void emptyFile() throws IOException {
            Path file = Files.write(dir.resolve("empty.xlsx"), new byte[0]);
            assertFails(ErrorCode.FILE_EMPTY, () -> XlsxSource.open(file, SourceOptions.DEFAULT));
        }

        @Test
        void missingFile() {
            assertFails(ErrorCode.FILE_UNREADABLE, () -> XlsxSource.open(dir.resolve("nope.xlsx"), SourceOptions.DEFAULT),
                    "does not exist");
        }

        @Test
        @DisplayName("a file that is not a zip is FILE_FORMAT_UNSUPPORTED")
        void notAZip() throws IOException {
            Path csv = Files.writeString(dir.resolve("liste.xlsx"), "Ad Soyad;Telefon\nAyşe;05301234567\n");
            assertFails(ErrorCode.FILE_FORMAT_UNSUPPORTED, () -> XlsxSource.open(csv, SourceOptions.DEFAULT),
                    "not a zip");
        }

        @Test
        void anOle2FileIsNamedAsSuch() throws IOException {
            byte[] ole2 = new byte[512];
            System.arraycopy(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}, 0, ole2, 0, 4);
            Path file = Files.write(dir.resolve("old.xlsx"), ole2);
            assertFails(ErrorCode.FILE_FORMAT_UNSUPPORTED, () -> XlsxSource.open(file, SourceOptions.DEFAULT), "OLE2");
        }

        @Test
        @DisplayName("a zip that is not an Office document is FILE_FORMAT_UNSUPPORTED")
        void zipThatIsNotOoxml() throws IOException {
            Path file = dir.resolve("photos.xlsx");
            MinimalXlsx.writeZip(file, Map.of("photo.jpg", new byte[] {1, 2, 3}));
            assertFails(ErrorCode.FILE_FORMAT_UNSUPPORTED, () -> XlsxSource.open(file, SourceOptions.DEFAULT),
                    "not an Excel workbook");
        }

        @Test
        @DisplayName("an Office document that is not a workbook is FILE_FORMAT_UNSUPPORTED")
        void wordDocument() throws IOException {
            Path file = MinimalXlsx.sheet("").replace("[Content_Types].xml", MinimalXlsx.text(valid(),
                    "[Content_Types].xml").replace("spreadsheetml.sheet.main+xml",
                    "wordprocessingml.document.main+xml")).write(dir.resolve("doc.xlsx"));
            assertFails(ErrorCode.FILE_FORMAT_UNSUPPORTED, () -> XlsxSource.open(file, SourceOptions.DEFAULT),
                    "wordprocessingml");
        }

        @Test
        @DisplayName("POI's own XML parsers refuse a DOCTYPE too: the guard is a second line, not the only one")
        void poiParsersRefuseDoctypes() {
            byte[] xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"boom\">]><x>&e;</x>"
                    .getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> XMLHelper.newDocumentBuilder().parse(new ByteArrayInputStream(xml)))
                    .hasMessageContaining("DOCTYPE");
            assertThatThrownBy(() -> {
                var reader = XlsxXml.open(new ByteArrayInputStream(xml));
                while (reader.hasNext()) {
                    XlsxXml.next(reader, "part");
                }
            }).isInstanceOf(HostileContentException.class);
        }
    }

    @Nested
    class Streaming {

        @Test
        @DisplayName("bytesRead grows up to the file size and never beyond")
        void progress() throws IOException {
            Path file = dir.resolve("big.xlsx");
            try (SXSSFWorkbook wb = new SXSSFWorkbook(100)) {
                var sheet = wb.createSheet("Liste");
                for (int i = 0; i < 20_000; i++) {
                    var row = sheet.createRow(i);
                    row.createCell(0).setCellValue("Müşteri " + i);
                    row.createCell(1).setCellValue(905300000000L + i);
                }
                try (OutputStream out = Files.newOutputStream(file)) {
                    wb.write(out);
                }
            }
            long size = Files.size(file);
            List<Long> progress = new ArrayList<>();
            try (XlsxSource source = XlsxSource.open(file, SourceOptions.DEFAULT)) {
                int n = 0;
                for (SourceRecord r = source.next(); r != null; r = source.next()) {
                    if (++n % 2_000 == 0) {
                        progress.add(source.bytesRead());
                    }
                    if (n == 12_345) {
                        assertThat(r.cells()).containsExactly("Müşteri 12344", "905300012344");
                    }
                }
                assertThat(n).isEqualTo(20_000);
                progress.add(source.bytesRead());
            }
            assertThat(progress).isSorted().allSatisfy(p -> assertThat(p).isBetween(0L, size));
            assertThat(progress.get(0)).isLessThan(size / 2);
            assertThat(progress.get(progress.size() - 1)).isEqualTo(size);
        }

        @Test
        @DisplayName("shared strings beyond the memory budget move to temporary files, gone after close")
        void sharedStringsSpillToDisk() throws IOException {
            Path file = dir.resolve("sst.xlsx");
            try (XSSFWorkbook wb = new XSSFWorkbook()) {
                var sheet = wb.createSheet("Liste");
                for (int i = 0; i < 3_000; i++) {
                    var row = sheet.createRow(i);
                    row.createCell(0).setCellValue("Müşteri numarası " + i);
                    row.createCell(1).setCellValue(i % 2 == 0 ? "VİP" : "Normal");
                }
                XlsxFixtures.write(wb, file);
            }
            Path spill = Files.createDirectory(dir.resolve("spill"));
            try (XlsxSource source = XlsxSource.open(file, SourceOptions.DEFAULT, 4096, spill)) {
                for (int i = 0; i < 3_000; i++) {
                    assertThat(source.next().cells()).containsExactly("Müşteri numarası " + i,
                            i % 2 == 0 ? "VİP" : "Normal");
                }
                assertThat(source.next()).isNull();
            }
            assertThat(spill).isEmptyDirectory();
        }

        @Test
        void closeIsIdempotentAndNextAfterCloseFails() throws IOException {
            XlsxSource source = XlsxSource.open(minimal("<row r=\"1\"><c><v>1</v></c></row>"), SourceOptions.DEFAULT);
            source.close();
            source.close();
            assertThatThrownBy(source::next).isInstanceOf(IllegalStateException.class);
        }

        @Test
        @DisplayName("100,000 rows are read in a 64 MB JVM with heap that does not grow")
        void memoryDoesNotGrowWithRows() throws Exception {
            Path file = dir.resolve("100k.xlsx");
            XlsxMemoryProbe.write(file, 100_000);
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:+UseSerialGC", "-cp", classPath, XlsxMemoryProbe.class.getName(), file.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(output).isZero();

            XlsxMemoryProbe.Result result = XlsxMemoryProbe.Result.parse(output);
            System.out.println("XLSX 100k rows: " + result);
            assertThat(result.rows()).isEqualTo(100_000);
            assertThat(result.heapAtEnd() - result.heapAt10k()).as(output).isLessThan(4L << 20);
        }
    }
}
