package dev.crmkit.importer.source;

import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Parses the shared string table (SST) of a BIFF8 workbook from the bodies of its records, the SST
 * record and the CONTINUE records after it, as they are read, into a {@link SharedStringTable}:
 * memory stays bounded however many strings the table holds, and each string is cut to the cell
 * limit plus one character as it is parsed. POI's own {@code SSTRecord} would build an object of
 * some seventy bytes for every string, even an empty one of three bytes in the file, all at once.
 *
 * <p>Each string is a character count, option flags (two-byte characters, rich-text runs, phonetic
 * data), the run count and phonetic data size when flagged, the characters, then the runs and the
 * phonetic data, which are skipped. When characters continue in the next record, that record
 * starts with a new option flags byte saying whether the rest are one or two bytes each; anything
 * else simply continues. Not thread-safe.
 */
final class BiffSharedStrings {

    private enum Step { COUNTS, LENGTH, FLAGS, RUN_COUNT, PHONETIC_SIZE, CHARS, TAIL }

    private final SharedStringTable table;
    private final int keep;
    private final StringBuilder text = new StringBuilder();

    private Step step = Step.COUNTS;
    private int fieldBytes;
    private long field;
    private int charsLeft;
    private boolean twoByteChars;
    private boolean rich;
    private boolean phonetic;
    private int runs;
    private long tailLeft;
    private int lowByte = -1;

    /**
     * @param maxCellChars the cell limit; longer strings are cut to one character more
     * @param memoryBudget bytes kept in memory before the table moves to temporary files
     * @param spillDirectory where those files go, {@code null} for the system's temporary folder
     */
    BiffSharedStrings(int maxCellChars, long memoryBudget, @Nullable Path spillDirectory) {
        this.table = new SharedStringTable(memoryBudget, spillDirectory);
        this.keep = CellText.keep(maxCellChars);
    }

    /** The body of the SST record, then of each CONTINUE record after it, in order. */
    void add(byte[] body, boolean continued) throws IOException {
        int i = 0;
        if (continued && step == Step.CHARS) {
            if (lowByte >= 0) {
                throw new HostileContentException("The shared strings of the workbook are damaged: a character is"
                        + " split between two records.");
            }
            if (body.length == 0) {
                return;
            }
            twoByteChars = (body[0] & 1) != 0;
            i = 1;
        }
        for (; i < body.length; i++) {
            next(body[i] & 0xFF);
        }
    }

    private void next(int b) throws IOException {
        switch (step) {
            case COUNTS -> {
                if (++fieldBytes == 8) {
                    start(Step.LENGTH);
                }
            }
            case LENGTH -> {
                if (read(b, 2)) {
                    charsLeft = (int) field;
                    start(Step.FLAGS);
                }
            }
            case FLAGS -> {
                twoByteChars = (b & 1) != 0;
                phonetic = (b & 4) != 0;
                rich = (b & 8) != 0;
                runs = 0;
                tailLeft = 0;
                text.setLength(0);
                afterHeaderField(Step.FLAGS);
            }
            case RUN_COUNT -> {
                if (read(b, 2)) {
                    runs = (int) field;
                    afterHeaderField(Step.RUN_COUNT);
                }
            }
            case PHONETIC_SIZE -> {
                if (read(b, 4)) {
                    tailLeft = field;
                    afterHeaderField(Step.PHONETIC_SIZE);
                }
            }
            case CHARS -> {
                int c;
                if (twoByteChars) {
                    if (lowByte < 0) {
                        lowByte = b;
                        return;
                    }
                    c = lowByte | b << 8;
                    lowByte = -1;
                } else {
                    c = b;
                }
                if (text.length() <= keep) {
                    text.append((char) c);
                }
                if (--charsLeft == 0) {
                    afterChars();
                }
            }
            case TAIL -> {
                if (--tailLeft == 0) {
                    finishString();
                }
            }
            default -> throw new IllegalStateException(step.name());
        }
    }

    /** Collects a little-endian field byte by byte; true once it is complete. */
    private boolean read(int b, int size) {
        field |= (long) b << (8 * fieldBytes);
        return ++fieldBytes == size;
    }

    private void start(Step s) {
        step = s;
        field = 0;
        fieldBytes = 0;
    }

    private void afterHeaderField(Step done) throws IOException {
        if (done == Step.FLAGS && rich) {
            start(Step.RUN_COUNT);
        } else if (done != Step.PHONETIC_SIZE && phonetic) {
            start(Step.PHONETIC_SIZE);
        } else if (charsLeft > 0) {
            start(Step.CHARS);
        } else {
            afterChars();
        }
    }

    private void afterChars() throws IOException {
        tailLeft += 4L * runs;
        if (tailLeft > 0) {
            start(Step.TAIL);
        } else {
            finishString();
        }
    }

    private void finishString() throws IOException {
        table.add(CellText.cut(text, keep));
        start(Step.LENGTH);
    }

    /**
     * The table, once the last record has been added.
     *
     * @throws HostileContentException if the records end inside a string
     */
    SharedStringTable finish() throws IOException {
        if (step != Step.LENGTH && step != Step.COUNTS) {
            throw new HostileContentException("The shared strings of the workbook are damaged: the last one is cut"
                    + " short.");
        }
        return table;
    }

    /** Deletes the table's temporary files, if any. */
    void close() {
        table.close();
    }
}
