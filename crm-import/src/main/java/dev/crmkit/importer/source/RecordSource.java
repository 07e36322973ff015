package dev.crmkit.importer.source;

import java.io.Closeable;
import org.jspecify.annotations.Nullable;

/**
 * A file read record by record, in file order, holding at most one record (plus bounded buffers)
 * in memory at a time, whatever the file's size. Not thread-safe.
 *
 * <p>Every failure is an {@link dev.crmkit.importer.ImportFileException} with a file-level code:
 * {@code FILE_UNREADABLE} for a file that is recognisably of its format but cannot be read
 * (truncated, corrupt, a DTD in spreadsheet XML, a zip bomb), {@code TOO_MANY_ROWS} past the row
 * limit.
 */
public interface RecordSource extends Closeable {

    /** The next record, or {@code null} at the end of the file. Empty records are returned too. */
    @Nullable SourceRecord next();

    /** The format, and for CSV the encoding and delimiter used. */
    SourceInfo info();

    /**
     * How far reading has got, in bytes of the file (for progress; an estimate for compressed
     * formats, never more than the file's size).
     */
    long bytesRead();

    /** Releases the file; never throws. */
    @Override
    void close();
}
