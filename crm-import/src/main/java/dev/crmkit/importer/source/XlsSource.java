package dev.crmkit.importer.source;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.importer.ImportFileException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.OldFileFormatException;
import org.apache.poi.hssf.eventusermodel.FormatTrackingHSSFListener;
import org.apache.poi.hssf.record.ArrayRecord;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BlankRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.BoundSheetRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.ContinueRecord;
import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.record.DrawingGroupRecord;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.ExtendedFormatRecord;
import org.apache.poi.hssf.record.FormatRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.hssf.record.RecordFactoryInputStream;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.record.SharedFormulaRecord;
import org.apache.poi.hssf.record.StringRecord;
import org.apache.poi.hssf.record.TableRecord;
import org.apache.poi.hssf.record.UnknownRecord;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.DocumentEntry;
import org.apache.poi.poifs.filesystem.Entry;
import org.apache.poi.poifs.filesystem.NotOLE2FileException;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.jspecify.annotations.Nullable;

/**
 * Reads one sheet of a legacy Excel workbook (Excel 97-2003, BIFF8 in an OLE2 container) record by
 * record.
 *
 * <p>The {@code Workbook} stream is pulled one BIFF record at a time from POI's
 * {@link RecordFactoryInputStream} (which also decrypts and expands multi-cell records); no
 * {@code HSSFWorkbook} is ever built and no record is pushed into a queue, so memory does not grow
 * with the rows read. What is held for the whole read is the workbook's global part: the shared
 * string table (every distinct text of the file, inherent to the format), the cell formats and the
 * sheet names. The shared strings are not left to POI, whose table takes some seventy bytes of
 * heap for every string, even one of three bytes in the file: the SST record is renamed on its way
 * in ({@link RecordDiverter}), so POI hands over its bytes, and {@link BiffSharedStrings} parses them
 * into a {@link SharedStringTable}, in memory up to a budget and in temporary files beyond it,
 * each string cut to the cell limit plus one character. The drawing group is renamed too, so that
 * POI does not join its records in memory; it is not needed. More than {@value #MAX_CELL_FORMATS}
 * cell formats (cells address them with 16 bits) or {@value Workbooks#MAX_SHEETS} sheets are refused as
 * {@code FILE_UNREADABLE}: no real workbook has them, and POI's records for them would take about
 * twice the file's size in memory.
 *
 * <p>The sheet is chosen by {@link SourceOptions#sheetName()} (exact, else Turkish-aware and
 * ignoring case and diacritics), else by {@link SourceOptions#sheetIndex()} in tab order. Cells are
 * rendered as {@link SourceRecord} describes; a record is returned for every row that has at least
 * one cell (a blank formatted cell counts), with the row number Excel shows. Rows holding no cell
 * at all are not returned; their numbers are simply absent. Trailing empty cells are dropped. Row
 * numbers rise: a row whose cells come after those of a later row (which Excel never writes) is
 * {@code FILE_UNREADABLE}, as it would otherwise be read twice or out of order.
 *
 * <p>Failures are {@link ImportFileException}s: {@code FILE_TOO_LARGE} before the file is opened,
 * {@code FILE_FORMAT_UNSUPPORTED} for an OLE2 file without a workbook (a Word document),
 * {@code FILE_UNREADABLE} for a truncated or corrupt file, a password-protected workbook or an
 * Excel 5.0/95 workbook, {@code TOO_MANY_ROWS} for a row number beyond {@link SourceLimits#maxRows()}.
 * Not thread-safe.
 */
public final class XlsSource implements RecordSource {

    private static final int BIFF8_VERSION = 0x0600;
    /** The type the SST record is given on its way to POI: one POI does not know, so it is left raw. */
    static final int DIVERTED_SST_SID = 0x7EFC;
    /** The same for the drawing group (MSODRAWINGGROUP), which POI would otherwise join in memory. */
    static final int DIVERTED_DRAWING_GROUP_SID = 0x7EEB;
    /** Cells address their format with 16 bits; Excel itself allows some 4,000. */
    static final int MAX_CELL_FORMATS = 65_536;
    /** As for XLSX workbooks. */

    private final POIFSFileSystem fs;
    private final CountingInputStream counted;
    private final long streamSize;
    private final long fileSize;
    private final RecordFactoryInputStream records;
    private final SourceLimits limits;
    private final SourceInfo info;
    private final Formats formats = new Formats();

    private @Nullable SharedStringTable sharedStrings;
    private boolean date1904;
    /** The selected sheet's place among the sheet substreams in stream order. */
    private int targetOrdinal;

    private int depth;
    private int sheetsSeen;
    private boolean inTarget;
    private boolean finished;

    private @Nullable Record lookahead;
    private int currentRow = -1;
    /** The 0-based row last returned, -1 before the first. */
    private int lastRow = -1;
    private final List<String> cells = new ArrayList<>();
    private int pendingStringColumn = -1;

    private XlsSource(POIFSFileSystem fs, CountingInputStream counted, long streamSize, long fileSize,
                      SourceOptions options, long sharedStringsMemory, @Nullable Path spillDirectory) {
        this.fs = fs;
        this.counted = counted;
        this.streamSize = streamSize;
        this.fileSize = fileSize;
        this.limits = options.limits();
        this.records = new RecordFactoryInputStream(new RecordDiverter(counted), false);
        String sheetName;
        try {
            sheetName = readGlobals(options, sharedStringsMemory, spillDirectory);
        } catch (IOException | RuntimeException e) {
            if (sharedStrings != null) {
                sharedStrings.close();
            }
            throw e instanceof IOException io ? unreadable(io) : (RuntimeException) e;
        }
        this.info = new SourceInfo(SourceFormat.XLS, null, null, sheetName, fileSize);
    }

    /**
     * Opens a legacy Excel workbook and positions the reader at the chosen sheet.
     *
     * @param file the file, not {@code null}
     * @param options the sheet to read and the limits, not {@code null}
     * @return the open source; the caller closes it
     * @throws ImportFileException {@code FILE_TOO_LARGE}, {@code FILE_EMPTY},
     *     {@code FILE_FORMAT_UNSUPPORTED} or {@code FILE_UNREADABLE} (see the class description)
     */
    public static XlsSource open(Path file, SourceOptions options) {
        return open(file, options, SharedStringTable.DEFAULT_MEMORY_BUDGET, null);
    }

    static XlsSource open(Path file, SourceOptions options, long sharedStringsMemory, @Nullable Path spillDirectory) {
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
        if (size == 0) {
            throw new ImportFileException(ErrorCode.FILE_EMPTY, "The file is empty.");
        }
        POIFSFileSystem fs = null;
        try {
            fs = new POIFSFileSystem(file.toFile(), true);
            DocumentEntry workbook = workbookStream(fs.getRoot());
            checkVersion(fs.getRoot(), workbook);
            CountingInputStream in = new CountingInputStream(fs.getRoot().createDocumentInputStream(workbook));
            return new XlsSource(fs, in, workbook.getSize(), size, options, sharedStringsMemory, spillDirectory);
        } catch (ImportFileException e) {
            closeQuietly(fs);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(fs);
            throw unreadable(e);
        }
    }

    /**
     * The workbook stream: {@code Workbook}, or else {@code Book}, in any case. Excel 5.0/95 names
     * it {@code Book}, but other tools write BIFF8 under that name too, so the stream's BOF record
     * decides the version ({@link #checkVersion}), not its name.
     */
    private static DocumentEntry workbookStream(DirectoryNode root) {
        DocumentEntry book = null;
        for (Entry entry : root) {
            if (entry instanceof DocumentEntry doc) {
                if (doc.getName().equalsIgnoreCase("Workbook")) {
                    return doc;
                }
                if (doc.getName().equalsIgnoreCase("Book")) {
                    book = doc;
                }
            }
        }
        if (book != null) {
            return book;
        }
        if (root.hasEntry("EncryptedPackage") || root.hasEntry("EncryptionInfo")) {
            throw passwordProtected();
        }
        throw new ImportFileException(ErrorCode.FILE_FORMAT_UNSUPPORTED,
                "The file is an Office 97-2003 document but not an Excel workbook.");
    }

    /** Refuses a stream that does not start with a BIFF8 workbook header, before POI parses it. */
    private static void checkVersion(DirectoryNode root, DocumentEntry workbook) throws IOException {
        byte[] head;
        try (InputStream in = root.createDocumentInputStream(workbook)) {
            head = in.readNBytes(6);
        }
        int sid = head.length < 6 ? -1 : (head[0] & 0xFF) | (head[1] & 0xFF) << 8;
        if (sid != BOFRecord.sid) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE,
                    "The Excel workbook is damaged: it does not start with a workbook header.");
        }
        if (((head[4] & 0xFF) | (head[5] & 0xFF) << 8) != BIFF8_VERSION) {
            throw oldFormat();
        }
    }

    /** Reads the workbook globals up to their end; returns the chosen sheet's name. */
    private String readGlobals(SourceOptions options, long sharedStringsMemory, @Nullable Path spillDirectory)
            throws IOException {
        Record first = records.nextRecord();
        if (!(first instanceof BOFRecord)) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE,
                    "The Excel workbook is damaged: it does not start with a workbook header.");
        }
        depth = 1;
        List<BoundSheetRecord> sheets = new ArrayList<>();
        BiffSharedStrings strings = null;
        int cellFormats = 0;
        try {
            Record r;
            while (depth > 0 && (r = records.nextRecord()) != null) {
                if (strings != null && r instanceof ContinueRecord c) {
                    strings.add(c.getData(), true);
                    continue;
                }
                if (strings != null) {
                    SharedStringTable table = strings.finish();
                    strings = null;
                    replaceSharedStrings(table);
                }
                if (r instanceof UnknownRecord u && u.getSid() == DIVERTED_SST_SID) {
                    strings = new BiffSharedStrings(limits.maxCellChars(), sharedStringsMemory, spillDirectory);
                    byte[] record = u.serialize();
                    strings.add(Arrays.copyOfRange(record, 4, record.length), false);
                } else if (r instanceof BOFRecord) {
                    depth++;
                } else if (r instanceof EOFRecord) {
                    depth--;
                } else if (r instanceof BoundSheetRecord b) {
                    if (sheets.size() == Workbooks.MAX_SHEETS) {
                        throw new ImportFileException(ErrorCode.FILE_UNREADABLE,
                                "The Excel workbook lists more than " + Workbooks.MAX_SHEETS + " sheets; it is damaged.");
                    }
                    sheets.add(b);
                } else if (r instanceof DateWindow1904Record w) {
                    date1904 = w.getWindowing() == 1;
                } else if (r instanceof ExtendedFormatRecord) {
                    if (++cellFormats > MAX_CELL_FORMATS) {
                        throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "The Excel workbook has more than "
                                + MAX_CELL_FORMATS + " cell formats; it is damaged.");
                    }
                    formats.processRecordInternally(r);
                } else if (r instanceof FormatRecord) {
                    formats.processRecordInternally(r);
                }
            }
        } finally {
            // Left open only when the globals end inside the table, or fail.
            if (strings != null) {
                strings.close();
            }
        }
        if (depth > 0) {
            throw truncated();
        }
        if (sheets.isEmpty()) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "The Excel workbook has no sheets.");
        }
        BoundSheetRecord chosen = chooseSheet(sheets, options);
        List<BoundSheetRecord> byPosition = new ArrayList<>(sheets);
        byPosition.sort(Comparator.comparingLong(b -> Integer.toUnsignedLong(b.getPositionOfBof())));
        targetOrdinal = byPosition.indexOf(chosen);
        return chosen.getSheetname();
    }

    private void replaceSharedStrings(SharedStringTable table) {
        if (sharedStrings != null) {
            sharedStrings.close();
        }
        sharedStrings = table;
    }

    private static BoundSheetRecord chooseSheet(List<BoundSheetRecord> sheets, SourceOptions options) {
        return sheets.get(Workbooks.chooseSheet(sheets.stream().map(BoundSheetRecord::getSheetname).toList(), options));
    }

    @Override
    public @Nullable SourceRecord next() {
        if (finished) {
            return null;
        }
        try {
            return readRow();
        } catch (ImportFileException e) {
            finished = true;
            throw e;
        } catch (RuntimeException e) {
            finished = true;
            throw unreadable(e);
        }
    }

    /*
     * Cells arrive row by row, left to right; a row ends when a cell of another row or the sheet's
     * end arrives (that cell is kept as the lookahead). Gaps are filled here, so the dummy records of
     * MissingRecordAwareHSSFListener are not needed, nor its missing-row records, as rows without
     * cells are not returned. A string formula's result follows it in a STRING record.
     */
    private @Nullable SourceRecord readRow() {
        while (true) {
            Record r = lookahead != null ? lookahead : records.nextRecord();
            lookahead = null;
            if (r == null) {
                throw truncated();
            }
            if (r instanceof BOFRecord) {
                depth++;
                if (depth == 1) {
                    inTarget = sheetsSeen++ == targetOrdinal;
                }
                continue;
            }
            if (r instanceof EOFRecord) {
                depth--;
                if (depth == 0 && inTarget) {
                    finished = true;
                    return finishRow();
                }
                continue;
            }
            if (!inTarget || depth != 1) {
                continue;
            }
            if (r instanceof StringRecord s) {
                if (pendingStringColumn >= 0) {
                    put(pendingStringColumn, s.getString());
                    pendingStringColumn = -1;
                }
                continue;
            }
            if (r instanceof SharedFormulaRecord || r instanceof ArrayRecord || r instanceof TableRecord) {
                continue;
            }
            if (!(r instanceof CellValueRecordInterface cell)) {
                continue;
            }
            pendingStringColumn = -1;
            if (currentRow >= 0 && cell.getRow() != currentRow) {
                lookahead = r;
                return finishRow();
            }
            if (currentRow < 0 && cell.getRow() <= lastRow) {
                throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "The Excel workbook is damaged: row "
                        + (cell.getRow() + 1) + " comes after row " + (lastRow + 1) + "; rows must be in order.");
            }
            currentRow = cell.getRow();
            addCell(cell);
        }
    }

    private void addCell(CellValueRecordInterface cell) {
        int column = cell.getColumn() & 0xFFFF;
        if (cell instanceof LabelSSTRecord label) {
            int index = label.getSSTIndex();
            if (sharedStrings == null || index < 0 || index >= sharedStrings.size()) {
                throw new ImportFileException(ErrorCode.FILE_UNREADABLE,
                        "The Excel workbook is damaged: a cell refers to a missing text.");
            }
            put(column, sharedStrings.get(index));
        } else if (cell instanceof NumberRecord number) {
            put(column, numberText(cell, number.getValue()));
        } else if (cell instanceof FormulaRecord formula) {
            addFormula(column, formula);
        } else if (cell instanceof BoolErrRecord boolErr) {
            put(column, boolErr.isBoolean() ? booleanText(boolErr.getBooleanValue()) : errorText(boolErr.getErrorValue()));
        } else if (cell instanceof LabelRecord label) {
            put(column, label.getValue());
        } else if (cell instanceof BlankRecord) {
            put(column, "");
        }
    }

    private void addFormula(int column, FormulaRecord formula) {
        switch (formula.getCachedResultTypeEnum()) {
            case NUMERIC -> put(column, numberText(formula, formula.getValue()));
            case BOOLEAN -> put(column, booleanText(formula.getCachedBooleanValue()));
            case ERROR -> put(column, errorText(formula.getCachedErrorValue()));
            case STRING -> {
                put(column, "");
                if (formula.hasCachedResultString()) {
                    pendingStringColumn = column;
                }
            }
            default -> put(column, "");
        }
    }

    private void put(int column, String value) {
        String text = value == null ? "" : value;
        if (text.length() > limits.maxCellChars()) {
            text = text.substring(0, limits.maxCellChars() + 1);
        }
        while (cells.size() <= column) {
            cells.add("");
        }
        cells.set(column, text);
    }

    private @Nullable SourceRecord finishRow() {
        if (currentRow < 0) {
            return null;
        }
        long rowNumber = currentRow + 1L;
        if (rowNumber > limits.maxRows()) {
            finished = true;
            throw new ImportFileException(ErrorCode.TOO_MANY_ROWS,
                    "The sheet has more than " + limits.maxRows() + " rows.");
        }
        int end = cells.size();
        while (end > 0 && cells.get(end - 1).isEmpty()) {
            end--;
        }
        SourceRecord result = new SourceRecord(rowNumber, cells.subList(0, end));
        cells.clear();
        lastRow = currentRow;
        currentRow = -1;
        return result;
    }

    private String numberText(CellValueRecordInterface cell, double value) {
        if (!Workbooks.isDateSerial(value)) {
            return numberText(value);
        }
        int formatIndex = formats.formatIndex(cell);
        if (formatIndex >= 0) {
            String format = formats.getFormatString(formatIndex);
            if (format != null && DateUtil.isADateFormat(formatIndex, format)) {
                return Workbooks.dateText(value, date1904);
            }
        }
        return numberText(value);
    }

    static String numberText(double value) {
        return Workbooks.numberText(value);
    }

    private static String booleanText(boolean value) {
        return value ? "TRUE" : "FALSE";
    }

    private static String errorText(int code) {
        try {
            return FormulaError.forInt(code).getString();
        } catch (IllegalArgumentException e) {
            return "#ERROR!";
        }
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    @Override
    public long bytesRead() {
        if (finished) {
            return fileSize;
        }
        long read = counted.count();
        if (streamSize <= 0 || read >= streamSize) {
            return fileSize;
        }
        return Math.min(fileSize, (long) ((double) read / streamSize * fileSize));
    }

    @Override
    public void close() {
        finished = true;
        if (sharedStrings != null) {
            sharedStrings.close();
        }
        closeQuietly(fs);
    }

    private static void closeQuietly(@Nullable POIFSFileSystem fs) {
        if (fs != null) {
            try {
                fs.close();
            } catch (IOException | RuntimeException ignored) {
                // closing a read-only file: nothing to recover
            }
        }
    }

    private static ImportFileException unreadable(Exception e) {
        if (e instanceof ImportFileException ife) {
            return ife;
        }
        if (e instanceof EncryptedDocumentException) {
            return passwordProtected();
        }
        if (e instanceof OldFileFormatException) {
            return oldFormat();
        }
        if (e instanceof NotOLE2FileException) {
            return new ImportFileException(ErrorCode.FILE_UNREADABLE,
                    "The file is not an Excel 97-2003 workbook (.xls) and cannot be read as one.", e);
        }
        return new ImportFileException(ErrorCode.FILE_UNREADABLE,
                "The Excel workbook is damaged or truncated and cannot be read (" + describe(e) + ").", e);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static ImportFileException truncated() {
        return new ImportFileException(ErrorCode.FILE_UNREADABLE,
                "The Excel workbook is truncated: it ends before the sheet does.");
    }

    private static ImportFileException passwordProtected() {
        return new ImportFileException(ErrorCode.FILE_UNREADABLE,
                "The workbook is protected with a password. Open it in Excel, remove the password"
                        + " (File > Info > Protect Workbook) and import it again.");
    }

    private static ImportFileException oldFormat() {
        return new ImportFileException(ErrorCode.FILE_UNREADABLE,
                "The workbook is in the Excel 5.0/95 format, which cannot be read."
                        + " Open it in Excel and save it as .xlsx, then import it again.");
    }

    /** The cell formats of the workbook globals; a cell with an unknown format is not a date. */
    private static final class Formats extends FormatTrackingHSSFListener {

        Formats() {
            super(record -> { }, Locale.ROOT);
        }

        int formatIndex(CellValueRecordInterface cell) {
            int xf = cell.getXFIndex() & 0xFFFF;
            return xf < getNumberOfExtendedFormats() ? getFormatIndex(cell) : -1;
        }
    }

    /** Counts the bytes of the workbook stream read so far, for progress. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            count += Math.max(0, skipped);
            return skipped;
        }
    }

    /**
     * Passes the workbook stream through unchanged except for the types of the SST record and the
     * drawing group, which become {@link #DIVERTED_SST_SID} and {@link #DIVERTED_DRAWING_GROUP_SID}.
     * Record headers are never encrypted and lengths are kept, so decryption of a protected stream,
     * which depends on positions, is not disturbed.
     */
    static final class RecordDiverter extends FilterInputStream {

        private final byte[] header = new byte[4];
        private int headerLength;
        private int headerPos;
        private long dataLeft;

        RecordDiverter(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (headerPos == headerLength && dataLeft == 0 && !nextHeader()) {
                return -1;
            }
            if (headerPos < headerLength) {
                int n = Math.min(len, headerLength - headerPos);
                System.arraycopy(header, headerPos, b, off, n);
                headerPos += n;
                return n;
            }
            int n = in.read(b, off, (int) Math.min(len, dataLeft));
            if (n > 0) {
                dataLeft -= n;
            }
            return n;
        }

        private boolean nextHeader() throws IOException {
            headerLength = in.readNBytes(header, 0, 4);
            headerPos = 0;
            if (headerLength == 0) {
                return false;
            }
            if (headerLength == 4) {
                int sid = (header[0] & 0xFF) | (header[1] & 0xFF) << 8;
                int renamed = sid == SSTRecord.sid ? DIVERTED_SST_SID
                        : sid == DrawingGroupRecord.sid ? DIVERTED_DRAWING_GROUP_SID : sid;
                header[0] = (byte) renamed;
                header[1] = (byte) (renamed >> 8);
                dataLeft = (header[2] & 0xFF) | (header[3] & 0xFF) << 8;
            }
            return true;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(8192, Math.max(1, n))];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (headerLength - headerPos) + (int) Math.min(Integer.MAX_VALUE, in.available());
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
