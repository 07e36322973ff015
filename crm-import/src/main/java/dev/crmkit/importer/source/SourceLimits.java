package dev.crmkit.importer.source;

/**
 * Bounds every reader enforces, so that a hostile or broken file fails in bounded time and memory.
 *
 * @param maxFileBytes the largest file accepted ({@code FILE_TOO_LARGE} beyond)
 * @param maxRows the most records read ({@code TOO_MANY_ROWS} beyond); {@code Long.MAX_VALUE} for no limit
 * @param maxCellChars the longest cell kept; a longer cell is cut to this length plus one character
 *     so the row check can report {@code VALUE_TOO_LONG}, and the reader never buffers more
 * @param maxInflatedBytes for spreadsheets: the most bytes any zip entry may inflate to
 * @param minInflateRatio for spreadsheets: the smallest compressed/inflated ratio of a zip entry
 *     (a lower one is a zip bomb)
 */
public record SourceLimits(long maxFileBytes, long maxRows, int maxCellChars, long maxInflatedBytes,
                           double minInflateRatio) {

    /** Excel's own cell limit. */
    public static final int EXCEL_MAX_CELL_CHARS = 32_767;

    /** 200 MB files, no row limit, Excel's cell limit, 2 GB inflated, ratio 1/100. */
    public static final SourceLimits DEFAULT = new SourceLimits(200L * 1024 * 1024, Long.MAX_VALUE,
            EXCEL_MAX_CELL_CHARS, 2L * 1024 * 1024 * 1024, 0.01);

    public SourceLimits {
        if (maxFileBytes < 1 || maxRows < 1 || maxCellChars < 1 || maxInflatedBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (!(minInflateRatio > 0 && minInflateRatio < 1)) {
            throw new IllegalArgumentException("minInflateRatio must be in (0, 1)");
        }
    }

    public SourceLimits withMaxFileBytes(long value) {
        return new SourceLimits(value, maxRows, maxCellChars, maxInflatedBytes, minInflateRatio);
    }

    public SourceLimits withMaxRows(long value) {
        return new SourceLimits(maxFileBytes, value, maxCellChars, maxInflatedBytes, minInflateRatio);
    }

    public SourceLimits withMaxCellChars(int value) {
        return new SourceLimits(maxFileBytes, maxRows, value, maxInflatedBytes, minInflateRatio);
    }

    public SourceLimits withMaxInflatedBytes(long value) {
        return new SourceLimits(maxFileBytes, maxRows, maxCellChars, value, minInflateRatio);
    }

    public SourceLimits withMinInflateRatio(double value) {
        return new SourceLimits(maxFileBytes, maxRows, maxCellChars, maxInflatedBytes, value);
    }
}
