package dev.crmkit.importer.source;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.importer.ImportFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Opens the right reader for a file, chosen by its content ({@link FormatDetector}). Thread-safe. */
public final class Sources {

    private Sources() {
    }

    /**
     * Checks the file's size, detects its format and opens the matching reader.
     *
     * @param file the file, not {@code null}
     * @param options how to read it, not {@code null}
     * @return the open source; the caller closes it
     * @throws ImportFileException {@code FILE_TOO_LARGE} before anything is read, then any failure of
     *     {@link FormatDetector#detect} or of the reader
     */
    public static RecordSource open(Path file, SourceOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "The file cannot be read: " + e.getMessage(), e);
        }
        if (size > options.limits().maxFileBytes()) {
            throw new ImportFileException(ErrorCode.FILE_TOO_LARGE, "The file has " + size
                    + " bytes; at most " + options.limits().maxFileBytes() + " are accepted.");
        }
        return switch (FormatDetector.detect(file)) {
            case CSV -> CsvSource.open(file, options);
            case XLSX -> XlsxSource.open(file, options);
            case XLS -> XlsSource.open(file, options);
        };
    }
}
