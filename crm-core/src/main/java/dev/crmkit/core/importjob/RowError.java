package dev.crmkit.core.importjob;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.text.TextFolding;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One error of one imported row.
 *
 * @param row the row number as a spreadsheet shows it
 * @param column the header of the column it concerns, or {@code null} for the whole row
 * @param value the offending value, cut to 100 characters, or {@code null}
 * @param code the stable code
 * @param message what is wrong, for a person
 */
public record RowError(long row, @Nullable String column, @Nullable String value, ErrorCode code, String message) {

    /** The longest value kept. */
    public static final int MAX_VALUE_CHARS = 100;

    public RowError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        column = column == null ? null : TextFolding.replaceNul(column);
        value = value == null ? null : TextFolding.replaceNul(value);
        message = TextFolding.replaceNul(message);
        if (value != null && value.length() > MAX_VALUE_CHARS) {
            value = value.substring(0, MAX_VALUE_CHARS);
        }
    }
}
