package dev.crmkit.core.importjob;

import dev.crmkit.core.text.TextFolding;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Something an import did that the user should know about but that rejected nothing: a column
 * ignored, a phone recovered from Excel's number format.
 *
 * @param code a stable code: {@link #COLUMN_IGNORED} (an unknown column), {@link #PHONE_REPAIRED} (a
 *     phone Excel had turned into a number, recovered without loss), or another of this list
 * @param row the row it concerns, or 0 for the whole file
 * @param column the column header it concerns, or {@code null}
 * @param message for people
 */
public record JobWarning(String code, long row, @Nullable String column, String message) {

    public static final String COLUMN_IGNORED = "COLUMN_IGNORED";
    public static final String PHONE_REPAIRED = "PHONE_REPAIRED";

    public JobWarning {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        column = column == null ? null : TextFolding.replaceNul(column);
        message = TextFolding.replaceNul(message);
    }
}
