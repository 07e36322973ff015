package dev.crmkit.importer.source;

import java.nio.charset.Charset;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to read a file; everything left {@code null} is detected.
 *
 * @param encoding for CSV: the charset, or {@code null} to detect (BOM, valid UTF-8, else Windows-1254)
 * @param delimiter for CSV: the delimiter, or {@code null} to detect among {@code , ; TAB |}
 * @param sheetName for spreadsheets: the sheet to read by name, or {@code null}
 * @param sheetIndex for spreadsheets: the 0-based sheet to read when no name is given
 * @param limits the bounds to enforce
 */
public record SourceOptions(@Nullable Charset encoding, @Nullable Character delimiter, @Nullable String sheetName, int sheetIndex,
                            SourceLimits limits) {

    public static final SourceOptions DEFAULT = new SourceOptions(null, null, null, 0, SourceLimits.DEFAULT);

    public SourceOptions {
        Objects.requireNonNull(limits, "limits");
        if (sheetIndex < 0) {
            throw new IllegalArgumentException("sheetIndex must not be negative");
        }
        if (delimiter != null && (delimiter == '"' || delimiter == '\r' || delimiter == '\n')) {
            throw new IllegalArgumentException("not a usable delimiter: " + delimiter);
        }
    }

    public SourceOptions withEncoding(Charset value) {
        return new SourceOptions(value, delimiter, sheetName, sheetIndex, limits);
    }

    public SourceOptions withDelimiter(Character value) {
        return new SourceOptions(encoding, value, sheetName, sheetIndex, limits);
    }

    public SourceOptions withSheetName(String value) {
        return new SourceOptions(encoding, delimiter, value, sheetIndex, limits);
    }

    public SourceOptions withSheetIndex(int value) {
        return new SourceOptions(encoding, delimiter, sheetName, value, limits);
    }

    public SourceOptions withLimits(SourceLimits value) {
        return new SourceOptions(encoding, delimiter, sheetName, sheetIndex, value);
    }
}
