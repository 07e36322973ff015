package dev.crmkit.importer.source;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.importer.ImportFileException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads a CSV file as {@link SourceRecord}s, streaming: memory stays bounded whatever the size of
 * the file, its rows or its cells. Not thread-safe.
 *
 * <p><b>Encoding</b>, unless {@link SourceOptions#encoding()} gives one: a byte order mark decides
 * (UTF-8, UTF-16LE, UTF-16BE); otherwise the file is UTF-8 if its bytes are valid UTF-8, else
 * Windows-1254 (what Turkish Excel writes). The choice is made at the first byte that is not ASCII,
 * wherever it is, on the 64 KiB from there on; the text before it reads the same either way. Bytes
 * that do not decode in the chosen encoding (invalid UTF-8 further on in a file that started as
 * valid UTF-8, a byte Windows-1254 does not define) fail with {@code FILE_UNREADABLE} naming the row
 * and the byte offset. The byte order mark never becomes part of the first cell.
 *
 * <p><b>Delimiter</b>, unless {@link SourceOptions#delimiter()} gives one: among {@code , ; TAB |},
 * the one that splits the header and the first records most consistently into more than one cell
 * (quote-aware); {@code ,} for a file of one column.
 *
 * <p><b>Records</b>: RFC 4180 quoting with line breaks inside quoted cells, CR, LF or CRLF between
 * records, a trailing delimiter as a last empty cell, rows of any length. Text after a closing
 * quote belongs to the cell ({@code "ab"c} is {@code abc}, as spreadsheets read it); a quoted cell
 * that is never closed is {@code FILE_UNREADABLE} naming the row where it starts. Every record
 * counts for the row number, an empty line too (returned as one empty cell), so the row numbers
 * are those a spreadsheet shows. Cells are returned exactly as written: not trimmed, a leading
 * {@code '} kept.
 *
 * <p><b>Limits</b> ({@link SourceOptions#limits()}): a file larger than {@code maxFileBytes} is
 * refused before it is read ({@code FILE_TOO_LARGE}); more than {@code maxRows} records is
 * {@code TOO_MANY_ROWS} when the first record beyond is reached; a cell longer than
 * {@code maxCellChars} characters (code points) comes out cut to {@code maxCellChars + 1} and the
 * rest of it is skipped without being held; a record of more than 16,384 cells is
 * {@code FILE_UNREADABLE}.
 *
 * <p>{@link #info()} tells the encoding and delimiter. For a file without a byte order mark whose
 * first non-ASCII byte has not been reached yet it says UTF-8 provisionally; it is final once
 * {@link #next()} has returned {@code null}.
 */
public final class CsvSource implements RecordSource {

    /** How many characters from the start of the file are judged to find the delimiter. */
    static final int DELIMITER_SAMPLE_CHARS = 64 * 1024;

    private final CsvDecodingReader decoder;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final char delimiter;
    private final long totalBytes;
    private final long maxRows;

    private long rowNumber;
    private boolean ended;
    private boolean closed;
    private @Nullable ImportFileException failure;

    private CsvSource(CsvDecodingReader decoder, CSVParser parser, char delimiter, long totalBytes, long maxRows) {
        this.decoder = decoder;
        this.parser = parser;
        this.records = parser.iterator();
        this.delimiter = delimiter;
        this.totalBytes = totalBytes;
        this.maxRows = maxRows;
    }

    /**
     * Opens a CSV file.
     *
     * @param file the file
     * @param options the encoding and delimiter ({@code null} to detect) and the limits
     * @return the source, positioned before the first record; the caller closes it
     * @throws ImportFileException {@code FILE_TOO_LARGE} or {@code FILE_UNREADABLE}
     */
    public static CsvSource open(Path file, SourceOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        long size;
        InputStream in;
        try {
            size = Files.size(file);
            checkSize(size, options.limits());
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "the file does not exist", e);
        } catch (IOException e) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "the file cannot be read: " + e, e);
        }
        return start(in, size, options);
    }

    /**
     * Reads CSV from a stream, which the source then owns: it is closed by {@link #close()}, or at
     * once if opening fails.
     *
     * @param in the file's bytes
     * @param totalBytes the file's size, checked against the limit before anything is read; a
     *     stream that gives more bytes fails with {@code FILE_UNREADABLE}
     * @param options the encoding and delimiter ({@code null} to detect) and the limits
     * @return the source, positioned before the first record; the caller closes it
     * @throws ImportFileException {@code FILE_TOO_LARGE} or {@code FILE_UNREADABLE}
     * @throws IllegalArgumentException if {@code totalBytes} is negative
     */
    public static CsvSource open(InputStream in, long totalBytes, SourceOptions options) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(options, "options");
        try {
            if (totalBytes < 0) {
                throw new IllegalArgumentException("totalBytes must not be negative: " + totalBytes);
            }
            checkSize(totalBytes, options.limits());
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
        return start(in, totalBytes, options);
    }

    private static void checkSize(long size, SourceLimits limits) {
        if (size > limits.maxFileBytes()) {
            throw new ImportFileException(ErrorCode.FILE_TOO_LARGE, "the file has " + CsvText.number(size)
                    + " bytes, more than the " + CsvText.number(limits.maxFileBytes()) + " bytes an import accepts");
        }
    }

    private static CsvSource start(InputStream in, long totalBytes, SourceOptions options) {
        Reader text = null;
        try {
            CsvDecodingReader decoder = new CsvDecodingReader(in, totalBytes, options.encoding());
            text = decoder;
            char delimiter;
            if (options.delimiter() != null) {
                delimiter = options.delimiter();
            } else {
                SampledReader sampled = new SampledReader(decoder, DELIMITER_SAMPLE_CHARS);
                text = sampled;
                delimiter = DelimiterDetector.detect(sampled.sample(), sampled.isWholeText());
            }
            text = new CellLimitingReader(text, delimiter, options.limits().maxCellChars());
            CSVFormat format = CSVFormat.RFC4180.builder()
                    .setDelimiter(delimiter)
                    .setIgnoreEmptyLines(false)
                    .setIgnoreSurroundingSpaces(false)
                    .setTrim(false)
                    .setTrailingData(true)
                    .setLenientEof(false)
                    .get();
            return new CsvSource(decoder, format.parse(text), delimiter, totalBytes, options.limits().maxRows());
        } catch (IOException | RuntimeException e) {
            closeQuietly(text != null ? text : in);
            if (e instanceof IOException) {
                throw unreadable((IOException) e, 1);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * The next record, or {@code null} at the end of the file.
     *
     * @throws ImportFileException {@code FILE_UNREADABLE} or {@code TOO_MANY_ROWS}; once thrown,
     *     every later call throws it again
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public @Nullable SourceRecord next() {
        if (closed) {
            throw new IllegalStateException("the source is closed");
        }
        if (failure != null) {
            throw failure;
        }
        if (ended) {
            return null;
        }
        CSVRecord record;
        try {
            if (!records.hasNext()) {
                ended = true;
                return null;
            }
            record = records.next();
        } catch (UncheckedIOException e) {
            failure = unreadable(e.getCause(), rowNumber + 1);
            throw failure;
        }
        rowNumber++;
        if (rowNumber > maxRows) {
            failure = new ImportFileException(ErrorCode.TOO_MANY_ROWS, "the file has more than "
                    + CsvText.number(maxRows) + " rows, the most an import accepts");
            throw failure;
        }
        return new SourceRecord(rowNumber, record.toList());
    }

    @Override
    public SourceInfo info() {
        return new SourceInfo(SourceFormat.CSV, decoder.charset().name(), delimiter, null, totalBytes);
    }

    @Override
    public long bytesRead() {
        return decoder.bytesRead();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            parser.close();
        } catch (IOException | RuntimeException e) {
            // nothing left to do: the stream is released as far as it can be
        }
    }

    private static ImportFileException unreadable(@Nullable IOException e, long row) {
        if (e instanceof CsvReadException bad) {
            CsvReadException located = bad.inRow(row);
            return new ImportFileException(ErrorCode.FILE_UNREADABLE, Objects.toString(located.getMessage(), "bad CSV"), e);
        }
        return new ImportFileException(ErrorCode.FILE_UNREADABLE,
                "the file cannot be read: " + (e == null ? "unknown failure" : e.getMessage()), e);
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            // closing after a failure: the first failure is the one that matters
        }
    }
}
