package dev.crmkit.importer.source;

import java.io.IOException;
import java.io.Reader;
import org.jspecify.annotations.Nullable;
import org.jspecify.annotations.NullUnmarked;

/**
 * Sits between the decoded text and the CSV parser and keeps every cell the parser builds short:
 * it follows the CSV structure exactly as the parser reads it (RFC 4180 quotes, a quote opening a
 * quoted cell only as the cell's first character, text after a closing quote belonging to the
 * cell, CR, LF and CRLF ending a record outside quotes) and, once a cell holds
 * {@code maxCellChars + 1} characters, drops the rest of that cell's characters. Quotes, delimiters
 * and line breaks that shape the records always pass, so the records and their row numbers are
 * the same as without the guard; only over-long cells come out cut. Characters are counted as code
 * points (a surrogate pair is one).
 *
 * <p>It also fails, naming the row, on a record with more than {@value #MAX_COLUMNS} cells and on a
 * quoted cell that is never closed, and adds the row to decoding failures from below.
 */
@NullUnmarked // package-private implementation: not yet checked by NullAway
final class CellLimitingReader extends Reader {

    /** Excel's column limit; a record with more cells is refused rather than held. */
    static final int MAX_COLUMNS = 16_384;

    private enum State { CELL_START, PLAIN, QUOTED, QUOTE_IN_QUOTED, AFTER_QUOTE }

    private final Reader in;
    private final char delimiter;
    private final long keep;
    private final char[] buf = new char[8192];
    private int bufPos;
    private int bufLimit;
    private boolean ended;

    private State state = State.CELL_START;
    private long cellLength;
    private boolean afterHighSurrogate;
    private boolean crEndedRecord;
    private long row = 1;
    private long quoteRow;
    private int columns = 1;

    private char @Nullable [] out;
    private int outPos;
    private int outEnd;
    private char carry;
    private boolean hasCarry;

    CellLimitingReader(Reader in, char delimiter, int maxCellChars) {
        this.in = in;
        this.delimiter = delimiter;
        this.keep = maxCellChars + 1L;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        out = cbuf;
        outPos = off;
        outEnd = off + len;
        if (hasCarry) {
            hasCarry = false;
            emit(carry);
        }
        while (outPos < outEnd && !hasCarry) {
            if (bufPos == bufLimit) {
                if (outPos > off || !fill()) {
                    break;
                }
            }
            accept(buf[bufPos++]);
        }
        int n = outPos - off;
        out = null;
        return n == 0 ? -1 : n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads more text; false at its end (after checking that no quoted cell is left open). */
    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        int n;
        try {
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
        } catch (CsvReadException e) {
            throw e.inRow(row);
        }
        if (n > 0) {
            bufPos = 0;
            bufLimit = n;
            return true;
        }
        ended = true;
        if (state == State.QUOTE_IN_QUOTED) {
            state = State.AFTER_QUOTE;
            emit('"');
        } else if (state == State.QUOTED) {
            throw new CsvReadException(quoteRow, "a quoted cell starting in this row is never"
                    + " closed; look for a stray \" in this row");
        }
        return false;
    }

    private void accept(char c) throws CsvReadException {
        if (crEndedRecord) {
            crEndedRecord = false;
            if (c == '\n') {
                emit(c);
                return;
            }
        }
        switch (state) {
            case CELL_START:
                if (c == '"') {
                    emit(c);
                    state = State.QUOTED;
                    quoteRow = row;
                    startCell();
                } else if (!structural(c)) {
                    startCell();
                    content(c);
                    state = State.PLAIN;
                }
                break;
            case PLAIN:
            case AFTER_QUOTE:
                if (!structural(c)) {
                    content(c);
                }
                break;
            case QUOTED:
                if (c == '"') {
                    state = State.QUOTE_IN_QUOTED;
                } else {
                    content(c);
                }
                break;
            case QUOTE_IN_QUOTED:
                if (c == '"') {
                    state = State.QUOTED;
                    if (count(c)) {
                        emit(c);
                        emit(c);
                    }
                } else {
                    emit('"');
                    state = State.AFTER_QUOTE;
                    accept(c);
                }
                break;
            default:
                throw new IllegalStateException(state.name());
        }
    }

    /** Passes a delimiter or a record-ending line break and moves to the next cell; false for other characters. */
    private boolean structural(char c) throws CsvReadException {
        if (c == delimiter) {
            emit(c);
            state = State.CELL_START;
            if (++columns > MAX_COLUMNS) {
                throw new CsvReadException(row, "the row has more than "
                        + CsvText.number(MAX_COLUMNS) + " cells, more than a spreadsheet holds");
            }
            return true;
        }
        if (c == '\r' || c == '\n') {
            emit(c);
            state = State.CELL_START;
            crEndedRecord = c == '\r';
            row++;
            columns = 1;
            return true;
        }
        return false;
    }

    private void startCell() {
        cellLength = 0;
        afterHighSurrogate = false;
    }

    private void content(char c) {
        if (count(c)) {
            emit(c);
        }
    }

    /** Counts a character of the current cell; whether the cell is still short enough to keep it. */
    private boolean count(char c) {
        boolean secondHalf = afterHighSurrogate && Character.isLowSurrogate(c);
        afterHighSurrogate = Character.isHighSurrogate(c);
        if (!secondHalf && cellLength <= keep) {
            cellLength++;
        }
        return cellLength <= keep;
    }

    private void emit(char c) {
        if (outPos < outEnd) {
            out[outPos++] = c;
        } else {
            carry = c;
            hasCarry = true;
        }
    }
}
