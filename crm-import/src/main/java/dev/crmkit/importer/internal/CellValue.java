package dev.crmkit.importer.internal;

import dev.crmkit.core.ErrorCode;

/**
 * The outcome of reading one cell: a value, or an error code with a message a user understands.
 * A warning may come with a value (a phone recovered from Excel's number format).
 */
record CellValue<T>(T value, ErrorCode error, String message, String warning) {

    static <T> CellValue<T> of(T value) {
        return new CellValue<>(value, null, null, null);
    }

    static <T> CellValue<T> withWarning(T value, String warning) {
        return new CellValue<>(value, null, null, warning);
    }

    static <T> CellValue<T> error(ErrorCode code, String message) {
        return new CellValue<>(null, code, message, null);
    }

    static <T> CellValue<T> blank() {
        return new CellValue<>(null, null, null, null);
    }

    boolean failed() {
        return error != null;
    }
}
