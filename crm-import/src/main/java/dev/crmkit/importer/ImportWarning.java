package dev.crmkit.importer;

import java.util.Objects;

/**
 * Something the import did that the user should know about but that rejected nothing.
 *
 * @param code {@code COLUMN_IGNORED} (an unknown column), {@code PHONE_REPAIRED} (a phone Excel had
 *     turned into a number, recovered without loss), or another stable code of this list
 * @param row the row it concerns, or 0 for the whole file
 * @param column the column header it concerns, or {@code null}
 * @param message for people
 */
public record ImportWarning(String code, long row, String column, String message) {

    public static final String COLUMN_IGNORED = "COLUMN_IGNORED";
    public static final String PHONE_REPAIRED = "PHONE_REPAIRED";

    public ImportWarning {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
