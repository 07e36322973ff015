package dev.crmkit.importer.report;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats reports and templates are written in. */
public enum ReportFormat {
    /** UTF-8 with a byte order mark, so Excel opens it with the right letters. */
    CSV,
    XLSX;

    /** The format a file name asks for: {@code .xlsx} is XLSX, anything else CSV. */
    public static ReportFormat of(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx") ? XLSX : CSV;
    }
}
