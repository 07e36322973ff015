package dev.crmkit.importer.source;

import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.importer.ImportFileException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvSourceTest {

    static final Charset CP1254 = Charset.forName("windows-1254");
    static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    static Path dir;

    private static int files;

    // ---------------------------------------------------------------- helpers

    static Path file(byte[] bytes) {
        try {
            return Files.write(dir.resolve("f" + (files++) + ".csv"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path file(String text) {
        return file(text.getBytes(UTF_8));
    }

    static Path fixture(String name) {
        try {
            return Path.of(CsvSourceTest.class.getResource("/csv/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static List<SourceRecord> readAll(Path path, SourceOptions options) {
        try (CsvSource source = CsvSource.open(path, options)) {
            return drain(source);
        }
    }

    static List<SourceRecord> readAll(Path path) {
        return readAll(path, SourceOptions.DEFAULT);
    }

    static List<SourceRecord> drain(RecordSource source) {
        List<SourceRecord> records = new ArrayList<>();
        for (SourceRecord r = source.next(); r != null; r = source.next()) {
            records.add(r);
        }
        return records;
    }

    static List<List<String>> cells(List<SourceRecord> records) {
        return records.stream().map(SourceRecord::cells).collect(Collectors.toList());
    }

    static List<Long> rows(List<SourceRecord> records) {
        return records.stream().map(SourceRecord::rowNumber).collect(Collectors.toList());
    }

    static SourceOptions cellLimit(int maxCellChars) {
        return SourceOptions.DEFAULT.withLimits(SourceLimits.DEFAULT.withMaxCellChars(maxCellChars));
    }

    static ImportFileException failure(Path path, SourceOptions options) {
        return catchThrowableOfType(ImportFileException.class, () -> readAll(path, options));
    }

    static String repeat(String s, int times) {
        return s.repeat(times);
    }

    // ---------------------------------------------------------------- encodings

    enum Encoding {
        UTF_8_PLAIN(UTF_8, new byte[0], "UTF-8"),
        UTF_8_BOM(UTF_8, UTF8_BOM, "UTF-8"),
        UTF_16LE_BOM(UTF_16LE, new byte[] {(byte) 0xFF, (byte) 0xFE}, "UTF-16LE"),
        UTF_16BE_BOM(UTF_16BE, new byte[] {(byte) 0xFE, (byte) 0xFF}, "UTF-16BE"),
        WINDOWS_1254(CP1254, new byte[0], "windows-1254");

        final Charset charset;
        final byte[] bom;
        final String reported;

        Encoding(Charset charset, byte[] bom, String reported) {
            this.charset = charset;
            this.bom = bom;
            this.reported = reported;
        }

        byte[] encode(String text) {
            return concat(bom, text.getBytes(charset));
        }
    }

    static Stream<Arguments> encodingsAndDelimiters() {
        List<Arguments> all = new ArrayList<>();
        for (Encoding e : Encoding.values()) {
            for (char d : DelimiterDetector.CANDIDATES) {
                all.add(Arguments.of(e, d == '\t' ? "TAB" : String.valueOf(d), d));
            }
        }
        return all.stream();
    }

    @Nested
    @DisplayName("encoding")
    class Encodings {

        @ParameterizedTest(name = "{0} with {1}")
        @MethodSource("dev.crmkit.importer.source.CsvSourceTest#encodingsAndDelimiters")
        @DisplayName("every encoding is found with every delimiter, and the BOM never reaches the header")
        void everyEncodingWithEveryDelimiter(Encoding encoding, String name, char d) {
            String text = String.join(String.valueOf(d), "Ad Soyad", "Telefon", "Şehir") + "\r\n"
                    + String.join(String.valueOf(d), "Ayşe Işık", "0530 123 45 67", "İstanbul") + "\r\n"
                    + String.join(String.valueOf(d), "\"Çağrı" + d + " Öğüt\"", "05327654321", "Eskişehir") + "\n";
            Path path = file(encoding.encode(text));

            try (CsvSource source = CsvSource.open(path, SourceOptions.DEFAULT)) {
                List<SourceRecord> records = drain(source);
                assertThat(cells(records)).containsExactly(
                        List.of("Ad Soyad", "Telefon", "Şehir"),
                        List.of("Ayşe Işık", "0530 123 45 67", "İstanbul"),
                        List.of("Çağrı" + d + " Öğüt", "05327654321", "Eskişehir"));
                assertThat(rows(records)).containsExactly(1L, 2L, 3L);
                assertThat(source.info()).isEqualTo(new SourceInfo(SourceFormat.CSV, encoding.reported, d, null,
                        encoding.encode(text).length));
            }
        }

        @Test
        @DisplayName("a Windows-1254 file from Turkish Excel reads with its Turkish letters")
        void windows1254Fixture() {
            Path path = fixture("windows-1254-semicolon.csv");
            try (CsvSource source = CsvSource.open(path, SourceOptions.DEFAULT)) {
                assertThat(cells(drain(source))).containsExactly(
                        List.of("Ad Soyad", "Telefon", "Şehir"),
                        List.of("Ayşe Işık", "0530 123 45 67", "İstanbul"),
                        List.of("Çağrı Öğüt", "0532 765 43 21", "Eskişehir"));
                assertThat(source.info().encoding()).isEqualTo("windows-1254");
                assertThat(source.info().delimiter()).isEqualTo(';');
            }
        }

        @Test
        @DisplayName("a UTF-8 file with BOM reads without the BOM")
        void utf8BomFixture() {
            Path path = fixture("utf8-bom-comma.csv");
            try (CsvSource source = CsvSource.open(path, SourceOptions.DEFAULT)) {
                assertThat(cells(drain(source))).containsExactly(
                        List.of("İsim", "Telefon", "E-posta"),
                        List.of("Ayşe Işık", "05301234567", "ayse@example.com"));
                assertThat(source.info().encoding()).isEqualTo("UTF-8");
                assertThat(source.info().delimiter()).isEqualTo(',');
            }
        }

        @Test
        @DisplayName("a UTF-16LE file with BOM and tabs reads, a tab inside quotes included")
        void utf16Fixture() {
            Path path = fixture("utf16le-bom-tab.csv");
            try (CsvSource source = CsvSource.open(path, SourceOptions.DEFAULT)) {
                assertThat(cells(drain(source))).containsExactly(
                        List.of("İsim", "Telefon", "Not"),
                        List.of("Ayşe Işık", "0530 123 45 67", "çok\tönemli"));
                assertThat(source.info().encoding()).isEqualTo("UTF-16LE");
                assertThat(source.info().delimiter()).isEqualTo('\t');
            }
        }

        @Test
        @DisplayName("a file with | reads, a | inside quotes included")
        void pipeFixture() {
            Path path = fixture("pipe.csv");
            try (CsvSource source = CsvSource.open(path, SourceOptions.DEFAULT)) {
                assertThat(cells(drain(source))).containsExactly(
                        List.of("isim", "telefon", "şirket"),
                        List.of("Ayşe Işık", "05301234567", "Acme | Ltd"));
                assertThat(source.info().delimiter()).isEqualTo('|');
            }
        }

        @Test
        @DisplayName("Windows-1254 first seen after 64 KiB of ASCII is still read as Windows-1254")
        void lateWindows1254() {
            String ascii = "name;phone\r\n" + repeat("Ali Veli;05301234567\r\n", 4000);
            Path path = file(concat(ascii.getBytes(UTF_8), "Ayşe Işık;05321234567\r\n".getBytes(CP1254)));

            try (CsvSource source = CsvSource.open(path, SourceOptions.DEFAULT)) {
                source.next();
                assertThat(source.info().encoding()).as("provisional").isEqualTo("UTF-8");
                List<SourceRecord> rest = drain(source);
                assertThat(rest.get(rest.size() - 1)).isEqualTo(
                        new SourceRecord(4002, List.of("Ayşe Işık", "05321234567")));
                assertThat(source.info().encoding()).isEqualTo("windows-1254");
            }
        }

        @Test
        @DisplayName("UTF-8 first seen after 64 KiB of ASCII is read as UTF-8")
        void lateUtf8() {
            String text = "name;phone\n" + repeat("Ali Veli;05301234567\n", 4000) + "Ayşe Işık;05321234567\n";
            byte[] bytes = text.getBytes(UTF_8);
            try (CsvSource source = CsvSource.open(new TrickleStream(bytes, new java.util.Random(1)), bytes.length,
                    SourceOptions.DEFAULT)) {
                List<SourceRecord> records = drain(source);
                assertThat(records.get(records.size() - 1).cells()).containsExactly("Ayşe Işık", "05321234567");
                assertThat(source.info().encoding()).isEqualTo("UTF-8");
            }
        }

        @Test
        @DisplayName("invalid UTF-8 after 64 KiB of valid UTF-8 fails naming the row and the byte offset")
        void mixedEncodingsFail() {
            byte[] head = ("isim;telefon\nAyşe;1\n" + repeat("Ali Veli;05301234567\n", 4000)).getBytes(UTF_8);
            Path path = file(concat(head, "Işık;2\n".getBytes(CP1254)));

            ImportFileException e = failure(path, SourceOptions.DEFAULT);

            assertThat(e.code()).isEqualTo(ErrorCode.FILE_UNREADABLE);
            assertThat(e.getMessage()).contains("row 4,003:", "offset " + CsvText.number(head.length + 1), "(FE)",
                    "not valid UTF-8", "give its encoding");
        }

        @Test
        @DisplayName("a UTF-8 character cut by the end of the judged bytes does not make the file Windows-1254")
        void sequenceCutByTheWindow() {
            // the first non-ASCII byte is at 0, so the judged window ends at 65,536, inside the '€'
            byte[] start = "ş,x\n".getBytes(UTF_8);
            int filler = CsvDecodingReader.JUDGED_BYTES - 1 - start.length;
            byte[] text = concat(start, (repeat("a", filler - 3) + ",b\n").getBytes(UTF_8),
                    "€,ğ\nc,d\n".getBytes(UTF_8));
            assertThat(Arrays.copyOfRange(text, 65_535, 65_538)).containsExactly(0xE2, 0x82, 0xAC);

            try (CsvSource source = CsvSource.open(file(text), SourceOptions.DEFAULT)) {
                List<SourceRecord> records = drain(source);
                assertThat(source.info().encoding()).isEqualTo("UTF-8");
                assertThat(records.get(2).cells()).containsExactly("€", "ğ");
            }
        }

        @Test
        @DisplayName("a byte Windows-1254 does not define fails naming its offset")
        void undefinedWindows1254Byte() {
            Path path = file(new byte[] {'a', ',', 'b', '\n', (byte) 0xFE, ',', (byte) 0x81, '\n'});
            ImportFileException e = failure(path, SourceOptions.DEFAULT);
            assertThat(e.code()).isEqualTo(ErrorCode.FILE_UNREADABLE);
            assertThat(e.getMessage()).contains("offset 6", "(81)", "windows-1254").containsOnlyOnce("row 2:");
        }

        @Test
        @DisplayName("a UTF-16 file cut in the middle of a character fails")
        void cutUtf16() {
            byte[] text = Encoding.UTF_16LE_BOM.encode("a,b\nc,d\n");
            Path path = file(Arrays.copyOf(text, text.length + 1));
            ImportFileException e = failure(path, SourceOptions.DEFAULT);
            assertThat(e.code()).isEqualTo(ErrorCode.FILE_UNREADABLE);
            assertThat(e.getMessage()).contains("row 3:", "ends in the middle of a UTF-16LE character");
        }

        @Test
        @DisplayName("a given encoding is used as it is, a leading BOM dropped")
        void givenEncoding() {
            Path bom = file(concat(UTF8_BOM, "isim,tel\nşş,1\n".getBytes(UTF_8)));
            assertThat(cells(readAll(bom, SourceOptions.DEFAULT.withEncoding(UTF_8))))
                    .containsExactly(List.of("isim", "tel"), List.of("şş", "1"));

            Path turkish = file("isim;tel\nAyşe;1\n".getBytes(CP1254));
            try (CsvSource source = CsvSource.open(turkish, SourceOptions.DEFAULT.withEncoding(CP1254))) {
                assertThat(cells(drain(source))).containsExactly(List.of("isim", "tel"), List.of("Ayşe", "1"));
                assertThat(source.info().encoding()).isEqualTo("windows-1254");
            }

            ImportFileException e = failure(turkish, SourceOptions.DEFAULT.withEncoding(UTF_8));
            assertThat(e.getMessage()).contains("row 2:", "the encoding given");
        }

        @Test
        @DisplayName("the UTF-8 check agrees with the JDK decoder on random bytes")
        void utf8CheckAgreesWithTheJdk() {
            java.util.Random random = new java.util.Random(4181);
            for (int i = 0; i < 20_000; i++) {
                byte[] b = new byte[random.nextInt(12)];
                for (int k = 0; k < b.length; k++) {
                    int pick = random.nextInt(4);
                    b[k] = (byte) (pick == 0 ? random.nextInt(0x80) : pick == 1 ? 0x80 + random.nextInt(0x40)
                            : 0xC0 + random.nextInt(0x40));
                }
                boolean jdk;
                try {
                    UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
                    jdk = true;
                } catch (CharacterCodingException e) {
                    jdk = false;
                }
                assertThat(CsvDecodingReader.isValidUtf8(b, 0, b.length, true)).as(Arrays.toString(b)).isEqualTo(jdk);
            }
            byte[] cut = {'a', (byte) 0xE2, (byte) 0x82};
            assertThat(CsvDecodingReader.isValidUtf8(cut, 0, 3, false)).isTrue();
            assertThat(CsvDecodingReader.isValidUtf8(cut, 0, 3, true)).isFalse();
        }
    }

    // ---------------------------------------------------------------- delimiters

    @Nested
    @DisplayName("delimiter")
    class Delimiters {

        char detected(String text) {
            try (CsvSource source = CsvSource.open(file(text), SourceOptions.DEFAULT)) {
                return source.info().delimiter();
            }
        }

        @Test
        @DisplayName("; wins over the decimal commas of Turkish numbers")
        void semicolonOverDecimalCommas() {
            assertThat(detected("Ad;Tutar\nAli;1,5\nVeli;1.234,56\n")).isEqualTo(';');
        }

        @Test
        @DisplayName("delimiters inside quoted cells do not count")
        void quoteAware() {
            assertThat(detected("\"Soyad, Ad\";Telefon\n\"Işık, Ayşe\";0530\n\"Can, Ali\";0532\n")).isEqualTo(';');
            assertThat(detected("name,note\nAli,\"a;b;c\"\nVeli,\"x;y;z\"\n")).isEqualTo(',');
            assertThat(detected("a|b\n\"x\n1,2,3,4\n5,6\"|y\n")).isEqualTo('|');
        }

        @Test
        @DisplayName("the one splitting the rows like the header wins")
        void consistency() {
            assertThat(detected("Ad Soyad,Telefon;Not\nAli;1\nVeli;2\nCan;3\n")).isEqualTo(';');
            assertThat(detected("a\tb\tc\n1\t2\t3\n4,5\t6\t7\n")).isEqualTo('\t');
        }

        @Test
        @DisplayName("a single column file reads with , and a header-only file is judged by its header")
        void singleColumnAndHeaderOnly() {
            Path single = file("Telefon\n0530\n0532\n");
            try (CsvSource source = CsvSource.open(single, SourceOptions.DEFAULT)) {
                assertThat(cells(drain(source))).containsExactly(List.of("Telefon"), List.of("0530"), List.of("0532"));
                assertThat(source.info().delimiter()).isEqualTo(',');
            }
            assertThat(detected("isim;telefon\n")).isEqualTo(';');
            assertThat(detected("isim|telefon")).isEqualTo('|');
        }

        @Test
        @DisplayName("blank records before the header are passed over")
        void blankRecordsBeforeTheHeader() {
            assertThat(detected("\n\t\t\t\r\n \nAd|Tel\nA|1\n")).isEqualTo('|');
            assertThat(detected(";;;\nAd;Tel\nA;1\n")).isEqualTo(';');
        }

        @Test
        @DisplayName("a given delimiter is used as it is")
        void givenDelimiter() {
            List<SourceRecord> records = readAll(file("a;b;c,d\n"), SourceOptions.DEFAULT.withDelimiter(','));
            assertThat(cells(records)).containsExactly(List.of("a;b;c", "d"));
        }
    }

    // ---------------------------------------------------------------- records

    @Nested
    @DisplayName("records")
    class Records {

        @Test
        @DisplayName("a quoted cell with line breaks is one row, and the rows after it keep their numbers")
        void quotedLineBreaks() {
            List<SourceRecord> records = readAll(file(
                    "name,note\nAli,\"line1\nline2\r\nline3\"\nVeli,\"x\ry\"\n\nCan,z\n"));
            assertThat(records).containsExactly(
                    new SourceRecord(1, List.of("name", "note")),
                    new SourceRecord(2, List.of("Ali", "line1\nline2\r\nline3")),
                    new SourceRecord(3, List.of("Veli", "x\ry")),
                    new SourceRecord(4, List.of("")),
                    new SourceRecord(5, List.of("Can", "z")));
        }

        @Test
        @DisplayName("empty lines are records, also before the header")
        void emptyLinesCount() {
            List<SourceRecord> records = readAll(file("\n\r\nname,phone\nAli,1\n\n\nVeli,2"));
            assertThat(rows(records)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
            assertThat(records.get(0).isBlank()).isTrue();
            assertThat(records.get(0).cells()).isIn(List.of(), List.of(""));
            assertThat(records.get(2).cells()).containsExactly("name", "phone");
            assertThat(records.get(6)).isEqualTo(new SourceRecord(7, List.of("Veli", "2")));
        }

        @Test
        @DisplayName("CRLF, LF and a lone CR all end a record")
        void lineEndings() {
            List<SourceRecord> records = readAll(file("a,b\r\nc,d\re,f\ng,h"));
            assertThat(cells(records)).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e", "f"),
                    List.of("g", "h"));
            assertThat(rows(records)).containsExactly(1L, 2L, 3L, 4L);
        }

        @Test
        @DisplayName("a trailing delimiter gives an empty last cell; rows may be ragged")
        void trailingDelimiterAndRaggedRows() {
            assertThat(cells(readAll(file("a;b;\n1\n1;2;3;4\n")))).containsExactly(
                    List.of("a", "b", ""), List.of("1"), List.of("1", "2", "3", "4"));
        }

        @Test
        @DisplayName("cells come as written: untrimmed, a leading ' kept")
        void cellsAsWritten() {
            assertThat(cells(readAll(file("name,phone\n  Ali  ,'+905301234567\n")))).containsExactly(
                    List.of("name", "phone"), List.of("  Ali  ", "'+905301234567"));
        }

        @Test
        @DisplayName("doubled quotes are one quote; text after a closing quote belongs to the cell")
        void quotes() {
            assertThat(cells(readAll(file("x,y,z\n\"a\"\"b\",\"c\"d,e\"f\"\n\"\",\" \"\n")))).containsExactly(
                    List.of("x", "y", "z"), List.of("a\"b", "cd", "e\"f\""), List.of("", " "));
        }

        @Test
        @DisplayName("a quoted cell never closed fails naming the row it starts in, after the rows before it")
        void unclosedQuote() {
            try (CsvSource source = CsvSource.open(file("name,note\nAli,ok\nVeli,\"never closed\nCan,x\n"),
                    SourceOptions.DEFAULT)) {
                assertThat(source.next().rowNumber()).isEqualTo(1);
                assertThat(source.next().rowNumber()).isEqualTo(2);
                ImportFileException e = catchThrowableOfType(ImportFileException.class, source::next);
                assertThat(e.code()).isEqualTo(ErrorCode.FILE_UNREADABLE);
                assertThat(e.getMessage()).contains("never closed").containsOnlyOnce("row 3:");
                assertThatThrownBy(source::next).isSameAs(e);
            }
        }

        @Test
        @DisplayName("a header-only file is one record")
        void headerOnly() {
            assertThat(readAll(file("isim,telefon\r\n"))).containsExactly(
                    new SourceRecord(1, List.of("isim", "telefon")));
        }

        @Test
        @DisplayName("a 0-byte file and a BOM-only file have no records")
        void emptyFiles() {
            try (CsvSource source = CsvSource.open(file(new byte[0]), SourceOptions.DEFAULT)) {
                assertThat(source.next()).isNull();
                assertThat(source.next()).isNull();
                assertThat(source.info()).isEqualTo(new SourceInfo(SourceFormat.CSV, "UTF-8", ',', null, 0));
                assertThat(source.bytesRead()).isZero();
            }
            assertThat(readAll(file(UTF8_BOM))).isEmpty();
            assertThat(readAll(file(new byte[] {(byte) 0xFF, (byte) 0xFE}))).isEmpty();
        }
    }

    // ---------------------------------------------------------------- limits

    @Nested
    @DisplayName("limits")
    class Limits {

        @Test
        @DisplayName("a file over the size limit is refused before it is read, from a path or a stream")
        void fileSize() {
            Path path = file("a,b\n1,2\n");
            SourceOptions small = SourceOptions.DEFAULT.withLimits(SourceLimits.DEFAULT.withMaxFileBytes(7));
            assertThat(failure(path, small).code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
            assertThat(readAll(path, SourceOptions.DEFAULT.withLimits(SourceLimits.DEFAULT.withMaxFileBytes(8))))
                    .hasSize(2);

            TrackingStream in = new TrackingStream("a,b\n1,2\n".getBytes(UTF_8));
            ImportFileException e = catchThrowableOfType(ImportFileException.class,
                    () -> CsvSource.open(in, 8, small));
            assertThat(e.code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
            assertThat(e.getMessage()).contains("8 bytes", "7 bytes");
            assertThat(in.closed).isTrue();
            assertThat(in.read).isZero();
        }

        @Test
        @DisplayName("a stream longer than its declared size fails")
        void streamLongerThanDeclared() {
            byte[] text = ("a,b\n" + repeat("1,2\n", 100)).getBytes(UTF_8);
            ImportFileException e = catchThrowableOfType(ImportFileException.class, () -> {
                try (CsvSource source = CsvSource.open(new ByteArrayInputStream(text), 40, SourceOptions.DEFAULT)) {
                    drain(source);
                }
            });
            assertThat(e.code()).isEqualTo(ErrorCode.FILE_UNREADABLE);
            assertThat(e.getMessage()).contains("longer than the 40 bytes");
        }

        @Test
        @DisplayName("more records than the row limit fail at the first one beyond; empty records count")
        void rowLimit() {
            SourceOptions three = SourceOptions.DEFAULT.withLimits(SourceLimits.DEFAULT.withMaxRows(3));
            assertThat(readAll(file("a\n\nb\n"), three)).hasSize(3);
            try (CsvSource source = CsvSource.open(file("a\n\nb\nc\n"), three)) {
                source.next();
                source.next();
                source.next();
                ImportFileException e = catchThrowableOfType(ImportFileException.class, source::next);
                assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_ROWS);
                assertThat(e.getMessage()).contains("more than 3 rows");
            }
        }

        @Test
        @DisplayName("an over-long cell is cut to the limit plus one character; what follows is intact")
        void cellGuard() {
            String plain = repeat("p", 1000);
            String quoted = "\"" + repeat("q\"\"\r\n,;", 300) + "\"";
            String text = "a,b,c\n" + plain + "," + quoted + ",after\n" + "\"abcdefgh\"ijklmn,exactly_10,"
                    + repeat("😀", 20) + "\nlast,row\n";
            List<SourceRecord> records = readAll(file(text), cellLimit(10));

            assertThat(records).containsExactly(
                    new SourceRecord(1, List.of("a", "b", "c")),
                    new SourceRecord(2, List.of(repeat("p", 11), "q\"\r\n,;q\"\r\n,", "after")),
                    new SourceRecord(3, List.of("abcdefghijk", "exactly_10", repeat("😀", 11))),
                    new SourceRecord(4, List.of("last", "row")));
        }

        @Test
        @DisplayName("a cell of a million characters is cut to the default limit plus one")
        void millionCharacterCell() {
            Path path = file("name,note\nAli,\"" + repeat("ş", 1_000_000) + "\"\nVeli,ok\n");
            List<SourceRecord> records = readAll(path);
            assertThat(records.get(1).cell(1)).hasSize(SourceLimits.EXCEL_MAX_CELL_CHARS + 1);
            assertThat(records.get(2)).isEqualTo(new SourceRecord(3, List.of("Veli", "ok")));
        }

        @Test
        @DisplayName("a 50 MB cell is read in a 32 MB heap; Commons CSV alone runs out of memory on it")
        void fiftyMegabyteCellInASmallHeap() throws Exception {
            long cellChars = 50L * 1024 * 1024;
            Result guarded = runHugeCell("guarded", cellChars);
            assertThat(guarded.exit).as(guarded.output).isZero();
            assertThat(guarded.output.lines()).containsExactly(
                    "1:2 4 4", "2:2 3 " + (SourceLimits.EXCEL_MAX_CELL_CHARS + 1), "3:2 4 2");

            Result plain = runHugeCell("plain", cellChars);
            assertThat(plain.exit).isNotZero();
            assertThat(plain.output).contains("OutOfMemoryError");
        }

        @Test
        @DisplayName("a record of more than 16,384 cells fails naming its row")
        void columnLimit() {
            String widest = repeat(",", CellLimitingReader.MAX_COLUMNS - 1);
            assertThat(readAll(file("a\n" + widest + "\n")).get(1).cells()).hasSize(CellLimitingReader.MAX_COLUMNS);

            ImportFileException e = failure(file("a\nb\n\"x\ny\"" + widest + ",\n"), SourceOptions.DEFAULT);
            assertThat(e.code()).isEqualTo(ErrorCode.FILE_UNREADABLE);
            assertThat(e.getMessage()).contains("16,384").containsOnlyOnce("row 3:");
        }
    }

    record Result(int exit, String output) {
    }

    static Result runHugeCell(String mode, long cellChars) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), HugeCellMain.class.getName(), mode,
                Long.toString(cellChars))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        return new Result(process.waitFor(), output);
    }

    static final class TrackingStream extends ByteArrayInputStream {
        boolean closed;
        int read;

        TrackingStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            read += Math.max(n, 0);
            return n;
        }

        @Override
        public synchronized int read() {
            int n = super.read();
            read += n < 0 ? 0 : 1;
            return n;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    /** Gives its bytes a few at a time, as a slow network stream would. */
    static final class TrickleStream extends ByteArrayInputStream {
        private final java.util.Random random;

        TrickleStream(byte[] bytes, java.util.Random random) {
            super(bytes);
            this.random = random;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
        }
    }

    // ---------------------------------------------------------------- progress and closing

    @Nested
    @DisplayName("progress and closing")
    class ProgressAndClosing {

        @Test
        @DisplayName("bytes read grow to the file's size and never pass it")
        void bytesRead() {
            byte[] text = ("name,phone\n" + repeat("Ayşe Işık,05301234567\n", 20_000)).getBytes(UTF_8);
            try (CsvSource source = CsvSource.open(new ByteArrayInputStream(text), text.length,
                    SourceOptions.DEFAULT)) {
                long last = 0;
                for (SourceRecord r = source.next(); r != null; r = source.next()) {
                    assertThat(source.bytesRead()).isBetween(last, (long) text.length);
                    last = source.bytesRead();
                }
                assertThat(source.bytesRead()).isEqualTo(text.length);
            }
        }

        @Test
        @DisplayName("close releases the stream, never throws, and may be called twice")
        void close() {
            TrackingStream in = new TrackingStream("a,b\n1,2\n".getBytes(UTF_8));
            CsvSource source = CsvSource.open(in, 8, SourceOptions.DEFAULT);
            source.close();
            source.close();
            assertThat(in.closed).isTrue();
            assertThatThrownBy(source::next).isInstanceOf(IllegalStateException.class);

            InputStream failing = new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("disk gone");
                }

                @Override
                public void close() throws IOException {
                    throw new IOException("cannot close");
                }
            };
            ImportFileException e = catchThrowableOfType(ImportFileException.class,
                    () -> CsvSource.open(failing, 10, SourceOptions.DEFAULT));
            assertThat(e.code()).isEqualTo(ErrorCode.FILE_UNREADABLE);
            assertThat(e.getMessage()).contains("disk gone");
        }

        @Test
        @DisplayName("a missing file is FILE_UNREADABLE")
        void missingFile() {
            ImportFileException e = failure(dir.resolve("missing.csv"), SourceOptions.DEFAULT);
            assertThat(e.code()).isEqualTo(ErrorCode.FILE_UNREADABLE);
        }
    }

    // ---------------------------------------------------------------- random input

    @Nested
    @DisplayName("random input")
    class RandomInput {

        static final String[] TOKENS = {"a", "b", "ş", "İ", "ğ", "😀", ",", ";", "\t", "|", "\"", "\"\"", "\r",
            "\n", "\r\n", " ", "'", "xxxxxxxxxxxx", "=1+1"};

        @Test
        @DisplayName("random bytes give records with increasing row numbers or an ImportFileException, nothing else")
        void randomBytes() {
            java.util.Random random = new java.util.Random(20_240_601);
            byte[] interesting = {'"', '"', ',', ';', '\t', '|', '\r', '\n', 'a', ' ', (byte) 0xC3, (byte) 0xA7,
                (byte) 0xE2, (byte) 0x82, (byte) 0xAC, (byte) 0xFE, (byte) 0x81, (byte) 0xFF, 0};
            byte[][] starts = {{}, UTF8_BOM, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xFE, (byte) 0xFF}};
            for (int i = 0; i < 3_000; i++) {
                int length = random.nextInt(i % 100 == 0 ? 20_000 : 300);
                byte[] body = new byte[length];
                for (int k = 0; k < length; k++) {
                    body[k] = random.nextBoolean() ? interesting[random.nextInt(interesting.length)]
                            : (byte) random.nextInt(256);
                }
                byte[] bytes = concat(starts[random.nextInt(starts.length)], body);
                SourceOptions options = randomOptions(random);
                checkInvariants(bytes, options, "case " + i);
            }
        }

        SourceOptions randomOptions(java.util.Random random) {
            SourceLimits limits = SourceLimits.DEFAULT.withMaxCellChars(1 + random.nextInt(12))
                    .withMaxRows(1 + random.nextInt(200));
            SourceOptions options = SourceOptions.DEFAULT.withLimits(limits);
            if (random.nextInt(3) == 0) {
                options = options.withDelimiter(DelimiterDetector.CANDIDATES[random.nextInt(4)]);
            }
            if (random.nextInt(4) == 0) {
                Charset[] charsets = {UTF_8, CP1254, UTF_16LE, UTF_16BE};
                options = options.withEncoding(charsets[random.nextInt(charsets.length)]);
            }
            return options;
        }

        void checkInvariants(byte[] bytes, SourceOptions options, String description) {
            try (CsvSource source = CsvSource.open(new ByteArrayInputStream(bytes), bytes.length, options)) {
                long lastRow = 0;
                long lastBytes = 0;
                while (true) {
                    SourceRecord r = source.next();
                    check(source.bytesRead() >= lastBytes && source.bytesRead() <= bytes.length, description,
                            "bytes read " + source.bytesRead());
                    lastBytes = source.bytesRead();
                    if (r == null) {
                        break;
                    }
                    check(r.rowNumber() == lastRow + 1, description, "row " + r.rowNumber() + " after " + lastRow);
                    lastRow = r.rowNumber();
                    for (String cell : r.cells()) {
                        check(cell.codePointCount(0, cell.length()) <= options.limits().maxCellChars() + 1,
                                description, "cell too long: " + cell);
                    }
                }
                assertThat(source.info().format()).isEqualTo(SourceFormat.CSV);
            } catch (ImportFileException e) {
                assertThat(e.code()).as(description).isIn(ErrorCode.FILE_UNREADABLE, ErrorCode.TOO_MANY_ROWS);
            }
        }

        @Test
        @DisplayName("random CSV text reads as Commons CSV reads it, with cells cut at the limit")
        void randomCsvTextAgainstCommonsCsv() throws IOException {
            java.util.Random random = new java.util.Random(4180);
            Encoding[] encodings = Encoding.values();
            for (int i = 0; i < 3_000; i++) {
                Encoding encoding = encodings[random.nextInt(encodings.length)];
                StringBuilder sb = new StringBuilder();
                int tokens = random.nextInt(i % 100 == 0 ? 3_000 : 60);
                for (int k = 0; k < tokens; k++) {
                    String t = TOKENS[random.nextInt(TOKENS.length)];
                    if (encoding == Encoding.WINDOWS_1254 && t.equals("😀")) {
                        t = "ç";
                    }
                    sb.append(t);
                }
                String text = sb.toString();
                byte[] bytes = encoding.encode(text);
                int maxCellChars = 1 + random.nextInt(10);
                SourceOptions options = cellLimit(maxCellChars);
                if (random.nextBoolean()) {
                    options = options.withDelimiter(DelimiterDetector.CANDIDATES[random.nextInt(4)]);
                }
                String description = "case " + i + " " + encoding + " " + options + ": " + text;

                List<List<String>> actual = new ArrayList<>();
                boolean actualFailed = false;
                char delimiter;
                InputStream in = random.nextBoolean() ? new ByteArrayInputStream(bytes)
                        : new TrickleStream(bytes, new java.util.Random(i));
                try (CsvSource source = CsvSource.open(in, bytes.length, options)) {
                    delimiter = source.info().delimiter();
                    try {
                        for (SourceRecord r = source.next(); r != null; r = source.next()) {
                            check(r.rowNumber() == actual.size() + 1L, description, "row " + r.rowNumber());
                            actual.add(r.cells());
                        }
                        assertThat(source.info().encoding()).as(description).isEqualTo(
                                isAscii(text) && encoding.bom.length == 0 ? "UTF-8" : encoding.reported);
                    } catch (ImportFileException e) {
                        assertThat(e.code()).as(description).isEqualTo(ErrorCode.FILE_UNREADABLE);
                        actualFailed = true;
                    }
                }

                List<List<String>> expected = new ArrayList<>();
                boolean expectedFailed = false;
                org.apache.commons.csv.CSVFormat format = org.apache.commons.csv.CSVFormat.RFC4180.builder()
                        .setDelimiter(delimiter).setIgnoreEmptyLines(false).setTrailingData(true).get();
                try (org.apache.commons.csv.CSVParser parser = format.parse(new java.io.StringReader(text))) {
                    for (org.apache.commons.csv.CSVRecord r : parser) {
                        expected.add(r.stream().map(c -> cut(c, maxCellChars + 1)).collect(Collectors.toList()));
                    }
                } catch (UncheckedIOException e) {
                    expectedFailed = true;
                }
                assertThat(actual).as(description).isEqualTo(expected);
                assertThat(actualFailed).as(description).isEqualTo(expectedFailed);
            }
        }

        void check(boolean condition, String description, String problem) {
            if (!condition) {
                throw new AssertionError(description + ": " + problem);
            }
        }

        boolean isAscii(String text) {
            return text.chars().allMatch(c -> c < 0x80);
        }

        String cut(String cell, int codePoints) {
            return cell.codePointCount(0, cell.length()) <= codePoints ? cell
                    : cell.substring(0, cell.offsetByCodePoints(0, codePoints));
        }
    }
}
