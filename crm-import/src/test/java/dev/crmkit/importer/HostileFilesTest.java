package dev.crmkit.importer;

import static dev.crmkit.importer.HostileFiles.CONTENT_TYPES;
import static dev.crmkit.importer.HostileFiles.SHARED_STRINGS;
import static dev.crmkit.importer.HostileFiles.SHEET;
import static dev.crmkit.importer.HostileFiles.WORKBOOK;
import static dev.crmkit.importer.HostileFiles.headerRow;
import static dev.crmkit.importer.HostileFiles.inline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.importer.HostileFiles.Part;
import dev.crmkit.importer.HostileFiles.RawDeflate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files through the whole import path ({@link Importer} on an in-memory store), in child
 * JVMs with a 256 MB heap and a time limit: the child must end normally (no
 * {@link OutOfMemoryError}, no hang), the job must end as the spec says, nothing may be stored
 * unless the file is merely large, no temporary file may be left behind, both error reports must
 * be writable, and for external entities no file content may leak and no connection may be made.
 * Each child prints, per file, the most heap in use after a collection ({@code liveMb}) and the sum
 * of the heap pools' peaks ({@code peakMb}, garbage included); some cases bound {@code liveMb}.
 * The files are generated here, streaming, and never committed.
 *
 * <p>Expected outcomes (SPEC 3.5 and 3.3): anything refused as hostile or broken (zip bombs, any
 * DTD, cells beyond XFD, broken legacy structures, an unclosed quote) is a FAILED job with
 * {@code FILE_UNREADABLE}; a file over the size limit is refused at submission with
 * {@code FILE_TOO_LARGE}; more data rows than the configured limit is {@code TOO_MANY_ROWS}; an
 * over-long cell is not a file-level failure but a row rejected with {@code VALUE_TOO_LONG}, the
 * reader having cut the cell rather than buffered it. Bloat that is not damage (a huge declared
 * dimension, millions of empty rows, millions of empty shared strings, a large drawing group)
 * imports what the file really holds, in bounded memory.
 */
class HostileFilesTest {

    private static final long CHILD_SECONDS = 60;
    private static final long MB = 1 << 20;

    @TempDir
    static Path dir;

    private static ServerSocket trap;
    private static final AtomicInteger connections = new AtomicInteger();
    private static Path secret;
    private static String secretText;

    @BeforeAll
    static void setUp() throws IOException {
        trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!trap.isClosed()) {
                try (Socket s = trap.accept()) {
                    connections.incrementAndGet();
                } catch (IOException e) {
                    // closed
                }
            }
        }, "xxe-trap");
        acceptor.setDaemon(true);
        acceptor.start();
        Path outside = Files.createDirectories(dir.resolve("outside"));
        secretText = "secret-" + UUID.randomUUID();
        secret = Files.writeString(outside.resolve("secret.txt"), secretText);
    }

    @AfterAll
    static void tearDown() throws IOException {
        trap.close();
        assertThat(connections.get()).as("connections to the trap").isZero();
    }

    // ------------------------------------------------------------------------------ zip bombs (a)

    @Test
    @DisplayName("zip bombs fail with FILE_UNREADABLE: declared gigabytes, a forged small size, shared strings, content types")
    void zipBombs() throws IOException {
        Path group = group("bombs");
        byte[] spaces = HostileFiles.repeated(" ", (int) MB);
        String open = HostileFiles.DECLARATION + HostileFiles.sheetOpen() + headerRow();
        String close = "</sheetData></worksheet>";

        // 8 GiB of sheet XML in about 8 MB, its size stated honestly (ZIP64).
        Map<String, Part> honest = HostileFiles.workbook("", null);
        honest.put(SHEET, Part.raw(new RawDeflate(open, spaces, 8192, close, -1)));
        Path honestFile = zip(group, "bomb-honest.xlsx", honest);

        // 2 GiB in about 2 MB, the directory claiming 1,000 bytes: caught while inflating.
        Map<String, Part> forged = HostileFiles.workbook("", null);
        forged.put(SHEET, Part.raw(new RawDeflate(open, spaces, 2048, close, 1000)));
        Path forgedFile = zip(group, "bomb-forged.xlsx", forged);

        // One shared string of 1 GiB, size forged too: shared strings are read before any row.
        Map<String, Part> strings = HostileFiles.workbook("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", "");
        strings.put(SHARED_STRINGS, Part.raw(new RawDeflate(HostileFiles.DECLARATION + "<sst xmlns=\""
                + HostileFiles.MAIN_NS + "\"><si><t>", HostileFiles.repeated("x", (int) MB), 1024, "</t></si></sst>", 1000)));
        Path stringsFile = zip(group, "bomb-shared-strings.xlsx", strings);

        // Content types, which POI parses into a DOM: 512 MB of comment, size stated honestly.
        Map<String, Part> types = HostileFiles.workbook(headerRow(), null);
        String typesXml = HostileFiles.contentTypes(false, "");
        types.put(CONTENT_TYPES, Part.raw(new RawDeflate(typesXml.replace("</Types>", "<!--"), spaces, 512,
                "--></Types>", -1)));
        Path typesFile = zip(group, "bomb-content-types.xlsx", types);

        assertThat(Files.size(honestFile)).isLessThan(12 * MB);
        List<Result> results = runChild(group, List.of(
                Case.of("bomb-honest", honestFile), Case.of("bomb-forged", forgedFile),
                Case.of("bomb-shared-strings", stringsFile), Case.of("bomb-content-types", typesFile)));
        for (Result r : results) {
            assertFileLevel(r, ErrorCode.FILE_UNREADABLE);
            assertThat(r.millis()).as(r.line()).isLessThan(30_000);
        }
        assertThat(results.get(0).message()).contains("xl/worksheets/sheet1.xml");
        assertThat(results.get(1).message()).contains("xl/worksheets/sheet1.xml", "compressed more than 100 to 1");
        assertThat(results.get(2).message()).contains("xl/sharedStrings.xml");
        assertThat(results.get(3).message()).contains("[Content_Types].xml");
    }

    @Test
    @DisplayName("a zip of a million entries fails with FILE_UNREADABLE without its 53 MB directory being read")
    void millionEntries() throws IOException {
        Path group = group("entries");
        Path file = group.resolve("entries.xlsx");
        HostileFiles.manyEntriesZip(file, 1_000_000);

        Result r = runChild(group, List.of(new Case("million-entries", file, true, -1, -1, -1))).get(0);

        assertFileLevel(r, ErrorCode.FILE_UNREADABLE);
        assertThat(r.message()).contains("zip directory");
        assertThat(r.liveMb()).as(r.line()).isLessThan(40);
    }

    // ----------------------------------------------------------------- entities and DTDs (b)

    @Test
    @DisplayName("entity expansion and external entities (file, URL, external DTD, parameter entity) in the sheet,"
            + " shared strings, workbook and content types fail with FILE_UNREADABLE; nothing is read or fetched")
    void entities() throws IOException {
        Path group = group("xml");
        List<Case> cases = new ArrayList<>();
        for (String part : List.of(SHEET, SHARED_STRINGS, WORKBOOK, CONTENT_TYPES)) {
            cases.addAll(entityCases(group, part));
        }
        int before = connections.get();
        List<Result> results = runChild(group, cases);
        for (Result r : results) {
            assertFileLevel(r, ErrorCode.FILE_UNREADABLE);
            String part = r.name().substring(0, r.name().indexOf('-')).replace('~', '/');
            assertThat(r.message()).as(r.line()).contains(part, "DOCTYPE");
            assertThat(r.millis()).as(r.line()).isLessThan(10_000);
            assertThat(Files.readString(group.resolve(r.name() + ".evidence.txt"))).doesNotContain(secretText);
        }
        assertThat(Files.readString(group.resolve("child.log"))).doesNotContain(secretText);
        assertThat(connections.get()).as("connections to the trap").isEqualTo(before);
    }

    private static List<Case> entityCases(Path group, String part) throws IOException {
        String tag = part.replace('/', '~');
        String base = "http://127.0.0.1:" + trap.getLocalPort() + "/" + tag;
        StringBuilder laughs = new StringBuilder("<!ENTITY l0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        Map<String, String[]> variants = new LinkedHashMap<>();
        variants.put("laughs", new String[] {"[" + laughs + "]", "&l9;"});
        variants.put("file", new String[] {"[<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]", "&xxe;"});
        variants.put("url", new String[] {"[<!ENTITY xxe SYSTEM \"" + base + "/entity\">]", "&xxe;"});
        variants.put("dtd", new String[] {"SYSTEM \"" + base + "/external.dtd\"", ""});
        variants.put("param", new String[] {"[<!ENTITY % p SYSTEM \"" + base + "/param.dtd\"> %p;]", ""});

        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, String[]> v : variants.entrySet()) {
            String root = switch (part) {
                case SHEET -> "worksheet";
                case SHARED_STRINGS -> "sst";
                case WORKBOOK -> "workbook";
                default -> "Types";
            };
            String doctype = "<!DOCTYPE " + root + " " + v.getValue()[0] + ">";
            String ref = v.getValue()[1];
            Map<String, Part> parts = HostileFiles.workbook(headerRow() + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c>"
                    + inline("B2", "05301234567") + "</row>", "<si><t>Ayşe</t></si>");
            switch (part) {
                case SHEET -> parts.put(SHEET, Part.of(HostileFiles.sheetXml(doctype, headerRow() + "<row r=\"2\">"
                        + inline("A2", ref) + inline("B2", "05301234567") + "</row>")));
                case SHARED_STRINGS -> parts.put(SHARED_STRINGS, Part.of(HostileFiles.sharedStringsXml(doctype,
                        "<si><t>" + ref + "</t></si>")));
                case WORKBOOK -> parts.put(WORKBOOK, Part.of(HostileFiles.workbookXml(doctype, "Sayfa1")
                        .replace("<sheets>", ref + "<sheets>")));
                default -> parts.put(CONTENT_TYPES, Part.of(HostileFiles.contentTypes(true, doctype)
                        .replace("</Types>", ref + "</Types>")));
            }
            String name = tag + "-" + v.getKey();
            cases.add(Case.of(name, zip(group, name.replace('[', '_').replace(']', '_') + ".xlsx", parts)));
        }
        return cases;
    }

    // --------------------------------------------------------------------------- billion cells (c)

    @Test
    @DisplayName("a huge declared dimension, the last cell XFD1048576, cells beyond XFD, absurd row numbers,"
            + " a row of a million cells")
    void grid() throws IOException {
        Path group = group("grid");
        String valid = "<row r=\"2\">" + inline("A2", "Ayşe Yılmaz") + inline("B2", "05301234567") + "</row>"
                + "<row r=\"3\">" + inline("A3", "Ali Kaya") + inline("B3", "05301234568") + "</row>";
        Map<String, Part> dimension = HostileFiles.workbook("", null);
        dimension.put(SHEET, Part.of(HostileFiles.sheetXml("", headerRow() + valid)
                .replace("<sheetData>", "<dimension ref=\"A1:XFD1048576\"/><sheetData>")));
        Path lastCell = zip(group, "last-cell.xlsx", HostileFiles.workbook(headerRow()
                + "<row r=\"1048576\">" + inline("XFD1048576", "x") + "</row>", null));
        Path beyond = zip(group, "beyond-xfd.xlsx", HostileFiles.workbook(headerRow() + valid
                + "<row r=\"4\">" + inline("XFE4", "x") + "</row>", null));
        Path letters = zip(group, "long-column.xlsx", HostileFiles.workbook(headerRow() + valid
                + "<row r=\"4\">" + inline("A".repeat(40) + "4", "x") + "</row>", null));
        Path rowNumber = zip(group, "row-number.xlsx", HostileFiles.workbook(headerRow() + valid
                + "<row r=\"" + "9".repeat(40) + "\">" + inline("A5", "x") + "</row>", null));
        Map<String, Part> wide = HostileFiles.workbook("", null);
        wide.put(SHEET, Part.streamed(out -> {
            out.write(HostileFiles.utf8(HostileFiles.DECLARATION + HostileFiles.sheetOpen() + headerRow() + valid
                    + "<row r=\"4\">"));
            // Values that differ keep the part under the compression ratio of a zip bomb.
            StringBuilder cells = new StringBuilder();
            for (int i = 0; i < 1_000_000; i++) {
                cells.append("<c><v>").append(i * 7919L % 1_000_003).append("</v></c>");
                if (cells.length() > 60_000) {
                    out.write(HostileFiles.utf8(cells.toString()));
                    cells.setLength(0);
                }
            }
            out.write(HostileFiles.utf8(cells.toString()));
            out.write(HostileFiles.utf8("</row></sheetData></worksheet>"));
        }));

        List<Result> results = runChild(group, List.of(
                Case.of("dimension", zip(group, "dimension.xlsx", dimension)),
                Case.of("last-cell", lastCell), Case.of("beyond-xfd", beyond), Case.of("long-column", letters),
                Case.of("row-number", rowNumber), Case.of("million-cells-row", zip(group, "wide.xlsx", wide))));

        // The dimension is only a claim: nothing is sized by it, and the two real rows import.
        Result dim = results.get(0);
        assertThat(dim.status()).as(dim.line()).isEqualTo("COMPLETED");
        assertThat(dim.created()).as(dim.line()).isEqualTo(2);
        // XFD1048576 is Excel's own last cell: a legitimate row, rejected for having no name or phone.
        Result last = results.get(1);
        assertThat(last.status()).as(last.line()).isEqualTo("COMPLETED");
        assertThat(last.rejected()).as(last.line()).isEqualTo(1);
        assertThat(last.codes()).as(last.line()).containsExactlyInAnyOrder("NAME_REQUIRED", "PHONE_REQUIRED");
        assertThat(last.stored()).isZero();
        // Beyond Excel's grid the sheet is damaged; the valid rows before are not kept.
        for (Result r : results.subList(2, results.size())) {
            assertFileLevel(r, ErrorCode.FILE_UNREADABLE);
        }
        assertThat(results.get(2).message()).contains("XFD");
        assertThat(results.get(5).message()).contains("XFD");
    }

    @Test
    @DisplayName("two million rows stream through in bounded memory; a million with a row limit of 100,000 fail"
            + " with TOO_MANY_ROWS")
    void millionsOfRows() throws IOException {
        Path group = group("rows");
        Map<String, Part> blank = HostileFiles.workbook("", null);
        blank.put(SHEET, Part.streamed(out -> writeRows(out, 2_000_000,
                n -> "<row r=\"" + n + "\"><c r=\"A" + n + "\"/></row>")));
        Map<String, Part> named = HostileFiles.workbook("", null);
        named.put(SHEET, Part.streamed(out -> writeRows(out, 1_000_000,
                n -> "<row r=\"" + n + "\"><c r=\"A" + n + "\" t=\"inlineStr\"><is><t>a</t></is></c></row>")));
        Path blankFile = zip(group, "blank-rows.xlsx", blank);
        Path namedFile = zip(group, "named-rows.xlsx", named);

        List<Result> results = runChild(group, List.of(Case.of("blank-rows", blankFile),
                new Case("over-row-limit", namedFile, false, -1, 100_000, -1)));

        // Empty rows are skipped and not counted: a header-only import.
        Result r = results.get(0);
        assertThat(r.status()).as(r.line()).isEqualTo("COMPLETED");
        assertThat(r.rows()).isZero();
        assertThat(r.stored()).isZero();
        assertFileLevel(results.get(1), ErrorCode.TOO_MANY_ROWS);
    }

    private static void writeRows(OutputStream out, int rows, java.util.function.IntFunction<String> row)
            throws IOException {
        out.write(HostileFiles.utf8(HostileFiles.DECLARATION + HostileFiles.sheetOpen() + headerRow()));
        StringBuilder sb = new StringBuilder(1 << 16);
        for (int n = 2; n <= rows + 1; n++) {
            sb.append(row.apply(n));
            if (sb.length() > 60_000) {
                out.write(HostileFiles.utf8(sb.toString()));
                sb.setLength(0);
            }
        }
        out.write(HostileFiles.utf8(sb.append("</sheetData></worksheet>").toString()));
    }

    @Test
    @DisplayName("a shared string of 128 MB (ratio limit relaxed) is cut, and its row rejected with VALUE_TOO_LONG")
    void giantSharedString() throws IOException {
        Path group = group("giant-string");
        Map<String, Part> parts = HostileFiles.workbook(headerRow() + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c>"
                + inline("B2", "05301234567") + "</row>", "");
        parts.put(SHARED_STRINGS, Part.raw(new RawDeflate(HostileFiles.DECLARATION + "<sst xmlns=\""
                + HostileFiles.MAIN_NS + "\"><si><t>", HostileFiles.repeated("x", (int) MB), 128, "</t></si></sst>", -1)));
        Path file = zip(group, "giant-string.xlsx", parts);

        Result r = runChild(group, List.of(new Case("giant-string", file, false, -1, -1, 0.0001))).get(0);

        assertThat(r.status()).as(r.line()).isEqualTo("COMPLETED");
        assertThat(r.rejected()).isEqualTo(1);
        assertThat(r.codes()).containsExactly("VALUE_TOO_LONG");
        assertThat(r.stored()).isZero();
        assertThat(Files.size(group.resolve("giant-string.errors.csv"))).isLessThan(MB);
    }

    // ---------------------------------------------------------------------------- legacy XLS (d)

    @Test
    @DisplayName("legacy workbooks: a record longer than BIFF allows, a lying SST count, a truncated stream, a FAT"
            + " loop, a directory cycle, a stream claiming 2 GB, four million shared strings")
    void legacyWorkbooks() throws IOException {
        Path group = group("xls");
        byte[] xls = HostileFiles.xls();
        byte[] stream = HostileFiles.workbookStream(xls);
        List<HostileFiles.BiffRecord> records = HostileFiles.records(stream);
        int sheetStart = HostileFiles.sheetStart(records);

        Path valid = Files.write(group.resolve("valid.xls"), xls);

        byte[] longRecord = stream.clone();
        HostileFiles.putShort(longRecord, HostileFiles.first(records, HostileFiles.SID_LABEL_SST, sheetStart).offset() + 2,
                0xFFFF);
        Path longRecordFile = group.resolve("record-length.xls");
        HostileFiles.writeXls(longRecordFile, longRecord);

        byte[] countLie = stream.clone();
        HostileFiles.BiffRecord sst = HostileFiles.first(records, HostileFiles.SID_SST, 0);
        HostileFiles.putInt(countLie, sst.offset() + 4, Integer.MAX_VALUE);
        HostileFiles.putInt(countLie, sst.offset() + 8, Integer.MAX_VALUE);
        Path countLieFile = group.resolve("sst-count.xls");
        HostileFiles.writeXls(countLieFile, countLie);

        HostileFiles.BiffRecord cell = HostileFiles.first(records, HostileFiles.SID_LABEL_SST, sheetStart + 1);
        byte[] truncated = java.util.Arrays.copyOf(stream, cell.offset() + 6);
        Path truncatedFile = group.resolve("truncated.xls");
        HostileFiles.writeXls(truncatedFile, truncated);

        HostileFiles.Ole2 ole2 = new HostileFiles.Ole2(xls.clone());
        int start = ole2.startSector("Workbook");
        int second = ole2.nextSector("Workbook", start);
        HostileFiles.putInt(ole2.bytes(), ole2.chainEntryOffset("Workbook", second), start);
        Path loopFile = Files.write(group.resolve("fat-loop.xls"), ole2.bytes());

        HostileFiles.Ole2 cycle = new HostileFiles.Ole2(xls.clone());
        int entry = cycle.entryOffset("Workbook");
        HostileFiles.putInt(cycle.bytes(), entry + 0x44, cycle.entryIndex("Workbook"));
        Path cycleFile = Files.write(group.resolve("directory-cycle.xls"), cycle.bytes());

        HostileFiles.Ole2 size = new HostileFiles.Ole2(xls.clone());
        HostileFiles.putInt(size.bytes(), size.entryOffset("Workbook") + 0x78, 0x7FFFFFF0);
        Path sizeFile = Files.write(group.resolve("stream-size.xls"), size.bytes());

        Path floodFile = group.resolve("sst-flood.xls");
        HostileFiles.writeXls(floodFile, HostileFiles.withEmptyStrings(stream, 4_000_000));

        List<Result> results = runChild(group, List.of(Case.of("valid", valid), Case.of("record-length", longRecordFile),
                Case.of("sst-count", countLieFile), Case.of("truncated", truncatedFile), Case.of("fat-loop", loopFile),
                Case.of("directory-cycle", cycleFile), Case.of("stream-size", sizeFile), Case.of("sst-flood", floodFile)));

        assertThat(results.get(0).status()).as(results.get(0).line()).isEqualTo("COMPLETED");
        assertThat(results.get(0).created()).isEqualTo(2);
        assertFileLevel(results.get(1), ErrorCode.FILE_UNREADABLE);
        // A count the strings do not bear out is only a claim, as in POI and Excel: the strings
        // that are there are read, and so are the rows.
        Result countLieResult = results.get(2);
        assertThat(countLieResult.status()).as(countLieResult.line()).isEqualTo("COMPLETED");
        assertThat(countLieResult.created()).isEqualTo(2);
        for (Result r : results.subList(3, 7)) {
            assertFileLevel(r, ErrorCode.FILE_UNREADABLE);
        }
        // Four million empty strings (12 MB) are bloat, not damage: the table goes to a temporary
        // file once past its memory budget, and the two customers import.
        Result flood = results.get(7);
        assertThat(flood.status()).as(flood.line()).isEqualTo("COMPLETED");
        assertThat(flood.created()).isEqualTo(2);
        assertThat(flood.liveMb()).as(flood.line()).isLessThan(100);
    }

    @Test
    @DisplayName("legacy workbook globals that POI would hold at about twice their size: a million and a half"
            + " cell formats, a million sheets, a 48 MB drawing group")
    void legacyGlobals() throws IOException {
        Path group = group("xls-globals");
        byte[] stream = HostileFiles.workbookStream(HostileFiles.xls());
        Path formats = group.resolve("cell-formats.xls");
        HostileFiles.writeXls(formats, HostileFiles.withCellFormats(stream, 1_500_000));
        Path sheets = group.resolve("sheets.xls");
        HostileFiles.writeXls(sheets, HostileFiles.withSheets(stream, 1_000_000));
        Path drawing = group.resolve("drawing-group.xls");
        HostileFiles.writeXls(drawing, HostileFiles.withDrawingGroup(stream, 48 * 128));

        // Submitted by path, as large files are: the in-memory store would otherwise hold a copy.
        List<Result> results = runChild(group, List.of(new Case("cell-formats", formats, true, -1, -1, -1),
                new Case("sheets", sheets, true, -1, -1, -1), new Case("drawing-group", drawing, true, -1, -1, -1)));

        assertFileLevel(results.get(0), ErrorCode.FILE_UNREADABLE);
        assertThat(results.get(0).message()).contains("cell formats");
        assertFileLevel(results.get(1), ErrorCode.FILE_UNREADABLE);
        assertThat(results.get(1).message()).contains("sheets");
        // Drawings are not needed to read cells: the file imports, its drawing group never held.
        assertThat(results.get(2).status()).as(results.get(2).line()).isEqualTo("COMPLETED");
        assertThat(results.get(2).created()).isEqualTo(2);
        for (Result r : results) {
            assertThat(r.liveMb()).as(r.line()).isLessThan(40);
        }
    }

    // ------------------------------------------------------------------------------------ CSV (e)

    @Test
    @DisplayName("a 500 MB line: FILE_TOO_LARGE under the default limit; with a 1 GB limit it streams, cut, to"
            + " VALUE_TOO_LONG")
    void fiveHundredMegabyteLine() throws IOException {
        Path group = group("csv-line");
        Path file = group.resolve("line.csv");
        HostileFiles.writeRepeated(file, HostileFiles.utf8("isim;telefon\n"), (byte) 'x', 500 * MB, new byte[0]);

        List<Result> results = runChild(group, List.of(Case.of("default-limit", file),
                new Case("shared-1gb-limit", file, true, 1024 * MB, -1, -1)));

        Result refused = results.get(0);
        assertThat(refused.status()).as(refused.line()).isEqualTo("REFUSED");
        assertThat(refused.fatal()).isEqualTo("FILE_TOO_LARGE");
        assertThat(refused.stored()).isZero();
        Result streamed = results.get(1);
        assertThat(streamed.status()).as(streamed.line()).isEqualTo("COMPLETED");
        assertThat(streamed.rejected()).isEqualTo(1);
        assertThat(streamed.codes()).contains("VALUE_TOO_LONG");
        assertThat(streamed.stored()).isZero();
        assertThat(Files.size(group.resolve("shared-1gb-limit.errors.csv"))).isLessThan(MB);
        assertThat(Files.size(group.resolve("shared-1gb-limit.errors.xlsx"))).isLessThan(MB);
    }

    @Test
    @DisplayName("a NUL flood, NULs after valid rows, and a quote left open to the end of a 32 MB file")
    void csvFloods() throws IOException {
        Path group = group("csv-floods");
        Path nul = group.resolve("nul.csv");
        HostileFiles.writeRepeated(nul, new byte[0], (byte) 0, 32 * MB, new byte[0]);

        StringBuilder rows = new StringBuilder("isim;telefon\n");
        for (int i = 0; i < 600; i++) {
            rows.append("Müşteri ").append(i).append(";0530").append(String.format("%07d", i)).append('\n');
        }
        Path nulAfterRows = group.resolve("nul-after-rows.csv");
        HostileFiles.writeRepeated(nulAfterRows, HostileFiles.utf8(rows + "Son;"), (byte) 0, 32 * MB, new byte[0]);

        Path quote = group.resolve("open-quote.csv");
        HostileFiles.writeRepeated(quote, HostileFiles.utf8(rows + "\"Açık tırnak;"), (byte) ';', 32 * MB,
                HostileFiles.utf8("\nson;satır\n"));

        List<Result> results = runChild(group, List.of(Case.of("nul-flood", nul),
                Case.of("nul-after-rows", nulAfterRows), Case.of("open-quote", quote)));

        // Binary content is not a CSV at all.
        assertFileLevel(results.get(0), ErrorCode.FILE_FORMAT_UNSUPPORTED);
        // The NULs are one over-long phone cell of the last row: that row is rejected, the rest stored.
        Result afterRows = results.get(1);
        assertThat(afterRows.status()).as(afterRows.line()).isEqualTo("COMPLETED");
        assertThat(afterRows.created()).isEqualTo(600);
        assertThat(afterRows.rejected()).isEqualTo(1);
        assertThat(Files.size(group.resolve("nul-after-rows.errors.csv"))).isLessThan(MB);
        // A quoted cell never closed: the file is damaged, and the 600 rows before it are not kept.
        assertFileLevel(results.get(2), ErrorCode.FILE_UNREADABLE);
        assertThat(results.get(2).message()).contains("never closed");
    }

    // ------------------------------------------------------------------------------------- helpers

    private static Path group(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    private static Path zip(Path group, String name, Map<String, Part> parts) throws IOException {
        Path file = group.resolve(name);
        HostileFiles.writeZip(file, parts);
        return file;
    }

    private static void assertFileLevel(Result r, ErrorCode code) {
        assertThat(r.status()).as(r.line()).isEqualTo("FAILED");
        assertThat(r.fatal()).as(r.line()).isEqualTo(code.name());
        assertThat(r.created()).as(r.line()).isZero();
        assertThat(r.stored()).as(r.line()).isZero();
    }

    /** One file for the child: {@code -1} keeps a default limit. */
    record Case(String name, Path file, boolean shared, long maxFileBytes, long maxRows, double minInflateRatio) {

        static Case of(String name, Path file) {
            return new Case(name, file, false, -1, -1, -1);
        }

        String spec() {
            return String.join("|", name, file.toString(), Boolean.toString(shared),
                    maxFileBytes < 0 ? "-" : Long.toString(maxFileBytes), maxRows < 0 ? "-" : Long.toString(maxRows),
                    minInflateRatio < 0 ? "-" : Double.toString(minInflateRatio));
        }
    }

    record Result(String line, String name, String status, String fatal, long rows, long created, long rejected,
                  List<String> codes, long stored, String reports, long millis, long liveMb, long peakMb,
                  String message) {

        private static final Pattern LINE = Pattern.compile("RESULT name=(\\S+) status=(\\S+) fatal=(\\S+) rows=(\\d+)"
                + " created=(\\d+) updated=\\d+ rejected=(\\d+) codes=(\\S*) stored=(\\d+) reports=(\\S+) millis=(\\d+)"
                + " liveMb=(\\d+) peakMb=(\\d+) maxMb=\\d+ message=(.*)");

        static Result parse(String line) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("unexpected result line: " + line);
            }
            return new Result(line, m.group(1), m.group(2), m.group(3), Long.parseLong(m.group(4)),
                    Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
                    m.group(7).isEmpty() ? List.of() : List.of(m.group(7).split(",")), Long.parseLong(m.group(8)),
                    m.group(9), Long.parseLong(m.group(10)), Long.parseLong(m.group(11)), Long.parseLong(m.group(12)),
                    m.group(13));
        }
    }

    /**
     * Runs the cases in one child JVM (256 MB heap, serial collector, exit on the first
     * {@link OutOfMemoryError}) within the time limit, and checks that it ended normally, reported
     * every case and left no temporary file behind.
     */
    private static List<Result> runChild(Path group, List<Case> cases) throws IOException {
        Path tmp = Files.createDirectories(group.resolve("tmp"));
        Path log = group.resolve("child.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + tmp,
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                HostileImportChild.class.getName(), group.toString()));
        cases.forEach(c -> command.add(c.spec()));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended;
        try {
            ended = process.waitFor(CHILD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("[hostile] " + group.getFileName() + ": child JVM " + millis + " ms");
        output.lines().filter(l -> l.startsWith("RESULT")).forEach(l -> System.out.println("[hostile]   " + l));
        assertThat(ended).as("the child ended within %d s; it printed:%n%s", CHILD_SECONDS, output).isTrue();
        assertThat(output).as("child output").doesNotContain("OutOfMemoryError");
        assertThat(process.exitValue()).as(output).isZero();
        List<Result> results = output.lines().filter(l -> l.startsWith("RESULT")).map(Result::parse).toList();
        assertThat(results).extracting(Result::name).as(output).containsExactlyElementsOf(
                cases.stream().map(Case::name).toList());
        for (Result r : results) {
            assertThat(r.status()).as(r.line()).isNotEqualTo("THREW");
            if (!r.status().equals("REFUSED")) {
                assertThat(r.reports()).as("both error reports were written: " + r.line()).isEqualTo("ok");
            }
        }
        assertThat(leftovers(tmp)).as("temporary files left behind").isEmpty();
        for (Case c : cases) {
            assertThat(leftovers(group.resolve(c.name() + ".work"))).as("copies left behind").isEmpty();
        }
        return results;
    }

    private static List<Path> leftovers(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        // POI keeps its own temporary folder; what matters is that no file is left in it.
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
