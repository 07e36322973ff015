package dev.crmkit.importer;

/** How numbers written as text are read. */
public enum NumberFormat {
    /** Decided per file by the first number that shows its convention (the default). */
    AUTO,
    /** {@code 1.234,56}. */
    TURKISH,
    /** {@code 1,234.56}. */
    ENGLISH;

    /** The decimal separator this format fixes, or 0 to detect it per file. */
    public char decimalSeparator() {
        return switch (this) {
            case AUTO -> 0;
            case TURKISH -> ',';
            case ENGLISH -> '.';
        };
    }
}
