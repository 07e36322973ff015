package dev.crmkit.importer.source;

/** What a file turned out to be, judged by its content, never its name. */
public enum SourceFormat {
    CSV,
    /** Excel 2007+ (Office Open XML). */
    XLSX,
    /** Excel 97-2003 (BIFF8 in an OLE2 container). */
    XLS
}
