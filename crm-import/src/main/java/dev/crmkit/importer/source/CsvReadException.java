package dev.crmkit.importer.source;

import java.io.IOException;

/**
 * A CSV file that cannot be read, with a message meant for the user. Thrown by the readers
 * {@link CsvSource} stacks, which add the row when they know it; {@link CsvSource} turns it into
 * {@code FILE_UNREADABLE}.
 */
final class CsvReadException extends IOException {

    private static final long serialVersionUID = 1L;

    private final boolean hasRow;

    CsvReadException(String message) {
        super(message);
        this.hasRow = false;
    }

    CsvReadException(long row, String message) {
        super(CsvText.rowPrefix(row) + message);
        this.hasRow = true;
    }

    private CsvReadException(String message, CsvReadException cause) {
        super(message, cause);
        this.hasRow = true;
    }

    /** This failure, said to be in the given row unless a row was already named. */
    CsvReadException inRow(long row) {
        return hasRow ? this : new CsvReadException(CsvText.rowPrefix(row) + getMessage(), this);
    }
}
