package dev.crmkit.importer.source;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a reader found out about a file.
 *
 * @param format the format
 * @param encoding for CSV the charset's name ({@code UTF-8}, {@code windows-1254}, {@code UTF-16LE}...), else {@code null}
 * @param delimiter for CSV the delimiter, else {@code null}
 * @param sheetName for spreadsheets the sheet read, else {@code null}
 * @param totalBytes the file's size
 */
public record SourceInfo(SourceFormat format, @Nullable String encoding, @Nullable Character delimiter, @Nullable String sheetName,
                         long totalBytes) {
    public SourceInfo {
        Objects.requireNonNull(format, "format");
    }
}
