package dev.crmkit.importer.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.importer.ImportFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Fuzzes {@link CsvSource} on any bytes, with encoding and delimiter detected, reading every
 * record. Besides "only {@code FILE_UNREADABLE} and {@code TOO_MANY_ROWS} escape", the records are
 * checked against an independent reading: the bytes decoded by the documented rule (byte order
 * mark, else UTF-8 if valid, else Windows-1254) and parsed by Commons CSV alone with the detected
 * delimiter, each cell cut to the limit. This holds the decoder, the cell guard and the
 * delimiter sampling to "the records are those of the file".
 *
 * <p>Committed inputs: {@code src/test/resources/dev/crmkit/importer/source/CsvSourceFuzzTestInputs/csvFile/}.
 */
class CsvSourceFuzzTest {

    private static final int MAX_CELL = 64;
    private static final int MAX_ROWS = 60;
    private static final SourceOptions OPTIONS = SourceOptions.DEFAULT.withLimits(
            SourceLimits.DEFAULT.withMaxCellChars(MAX_CELL).withMaxRows(MAX_ROWS));
    private static final Set<String> ENCODINGS = Set.of("UTF-8", "windows-1254", "UTF-16LE", "UTF-16BE");
    private static final String DELIMITERS = ",;\t|";

    @FuzzTest(maxDuration = "10s")
    void csvFile(byte[] data) {
        List<SourceRecord> records = new ArrayList<>();
        ImportFileException failure = null;
        SourceInfo info = null;
        CsvSource source = null;
        try {
            source = CsvSource.open(new ByteArrayInputStream(data), data.length, OPTIONS);
            SourceRecord r;
            while ((r = source.next()) != null) {
                records.add(r);
                check(source.bytesRead() >= 0 && source.bytesRead() <= data.length, "bytesRead out of range");
            }
            check(source.next() == null, "a record after the end");
        } catch (ImportFileException e) {
            failure = e;
            check(e.code() == ErrorCode.FILE_UNREADABLE || e.code() == ErrorCode.TOO_MANY_ROWS,
                    "unexpected code " + e.code() + ": " + e.getMessage());
            if (source != null) {
                try {
                    source.next();
                    check(false, "reading on after a failure");
                } catch (ImportFileException again) {
                    check(again == e, "a second failure differs from the first");
                }
            }
        } finally {
            if (source != null) {
                info = source.info();
                source.close();
                source.close();
            }
        }

        for (int i = 0; i < records.size(); i++) {
            SourceRecord r = records.get(i);
            check(r.rowNumber() == i + 1, "row " + r.rowNumber() + " where " + (i + 1) + " was expected");
            check(r.cells().size() >= 1 && r.cells().size() <= CellLimitingReader.MAX_COLUMNS, "cell count");
            for (String cell : r.cells()) {
                check(cell.codePointCount(0, cell.length()) <= MAX_CELL + 1, "a cell longer than the limit");
            }
        }
        check(records.size() <= MAX_ROWS, "more records than the limit");
        if (info != null) {
            check(info.format() == SourceFormat.CSV, "format");
            check(ENCODINGS.contains(info.encoding()), "encoding " + info.encoding());
            check(info.delimiter() != null && DELIMITERS.indexOf(info.delimiter()) >= 0,
                    "delimiter " + info.delimiter());
        }

        Expected expected = expected(data, info == null ? ',' : info.delimiter());
        if (expected.undecodable) {
            check(failure != null, "bytes that do not decode were read without failure");
            return;
        }
        if (info != null && (failure == null || failure.code() == ErrorCode.TOO_MANY_ROWS)) {
            check(info.encoding().equals(expected.charset.name()),
                    "read as " + info.encoding() + " where " + expected.charset.name() + " was expected");
        }
        int compared = Math.min(records.size(), expected.records.size());
        for (int i = 0; i < compared; i++) {
            check(records.get(i).cells().equals(expected.records.get(i)), "record " + (i + 1) + " is "
                    + records.get(i).cells() + " where " + expected.records.get(i) + " was expected");
        }
        if (expected.records.size() > MAX_ROWS) {
            check(failure != null && failure.code() == ErrorCode.TOO_MANY_ROWS && records.size() == MAX_ROWS,
                    "more than " + MAX_ROWS + " records without TOO_MANY_ROWS after " + MAX_ROWS);
        } else if (expected.failed) {
            check(failure != null && failure.code() == ErrorCode.FILE_UNREADABLE
                    && records.size() == expected.records.size(), "Commons CSV fails after "
                    + expected.records.size() + " records, the source after " + records.size() + " with " + failure);
        } else {
            check(failure == null, "a readable file failed: " + failure);
            check(records.size() == expected.records.size(), records.size() + " records where "
                    + expected.records.size() + " were expected");
        }
    }

    /** What the documented rules and Commons CSV alone make of the bytes. */
    private static Expected expected(byte[] data, char delimiter) {
        Expected e = new Expected();
        int start = 0;
        Charset charset;
        if (startsWith(data, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            start = 3;
        } else if (startsWith(data, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            start = 2;
        } else if (startsWith(data, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            start = 2;
        } else {
            charset = decode(data, 0, StandardCharsets.UTF_8) != null ? StandardCharsets.UTF_8
                    : CsvDecodingReader.WINDOWS_1254;
        }
        e.charset = charset;
        String text = decode(data, start, charset);
        if (text == null) {
            e.undecodable = true;
            return e;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(false)
                .setTrim(false)
                .setTrailingData(true)
                .setLenientEof(false)
                .get();
        try (CSVParser parser = format.parse(new StringReader(text))) {
            Iterator<CSVRecord> it = parser.iterator();
            while (e.records.size() <= MAX_ROWS && it.hasNext()) {
                List<String> cells = new ArrayList<>();
                for (String cell : it.next().toList()) {
                    cells.add(cell.substring(0, cutLength(cell)));
                }
                if (cells.size() > CellLimitingReader.MAX_COLUMNS) {
                    e.failed = true;
                    break;
                }
                e.records.add(cells);
            }
        } catch (UncheckedIOException | IllegalStateException | IOException ex) {
            e.failed = true;
        }
        return e;
    }

    /** The number of UTF-16 units of the first {@code MAX_CELL + 1} code points. */
    private static int cutLength(String cell) {
        int points = cell.codePointCount(0, cell.length());
        return points <= MAX_CELL + 1 ? cell.length() : cell.offsetByCodePoints(0, MAX_CELL + 1);
    }

    private static String decode(byte[] data, int from, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, from, data.length - from))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private static final class Expected {
        Charset charset;
        boolean undecodable;
        boolean failed;
        final List<List<String>> records = new ArrayList<>();
    }
}
