package dev.crmkit.importer.source;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;
import org.jspecify.annotations.NullUnmarked;

/**
 * Pulls the rows of one worksheet part off a StAX reader, one {@code <row>} per call, turning
 * cells into the text a user sees (see {@link SourceRecord}). Holds one row at a time.
 */
@NullUnmarked // package-private implementation: not yet checked by NullAway
final class XlsxSheetReader {

    /** Excel's last column, XFD. */
    static final int MAX_COLUMNS = 16_384;
    /** The most characters one row may hold in all its cells together. */
    static final long MAX_ROW_CHARS = 8L << 20;
    /** Numbers are doubles: their plain digits never need more than this. */
    private static final int MAX_NUMBER_SCALE = 400;

    private static final int WORKSHEET = 1;
    private static final int SHEET_DATA = 2;
    private static final int ROW = 3;
    private static final int CELL = 4;
    private static final int VALUE = 5;
    private static final int INLINE_TEXT = 6;
    private static final int RUN_TEXT = 7;

    private final XMLStreamReader xml;
    private final String partName;
    private final SharedStringTable sharedStrings;
    private final XlsxStyles styles;
    private final boolean date1904;
    private final int maxCellChars;
    private final CellText text;

    private int depth;
    private boolean inSheetData;
    private boolean finished;
    private boolean inRow;
    private long rowNumber;
    private final List<String> cells = new ArrayList<>();
    private long rowChars;
    private int column;

    private boolean inCell;
    private @Nullable String cellRef;
    private @Nullable String cellType;
    private int cellStyle;
    private boolean inInline;
    private boolean inRun;
    private int captureDepth = -1;

    XlsxSheetReader(XMLStreamReader xml, String partName, SharedStringTable sharedStrings, XlsxStyles styles,
                    boolean date1904, int maxCellChars) {
        this.xml = xml;
        this.partName = partName;
        this.sharedStrings = sharedStrings;
        this.styles = styles;
        this.date1904 = date1904;
        this.maxCellChars = maxCellChars;
        this.text = new CellText(maxCellChars);
    }

    /**
     * The next row, or {@code null} after the last one.
     *
     * @throws CorruptSheetException for a sheet this reader cannot make sense of
     * @throws HostileContentException for a sheet refused on purpose
     */
    SourceRecord next() throws IOException, XMLStreamException {
        while (!finished) {
            if (!xml.hasNext()) {
                finished = true;
                break;
            }
            int event = XlsxXml.next(xml, partName);
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                start(xml.getLocalName());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                SourceRecord record = end();
                depth--;
                if (record != null) {
                    return record;
                }
            } else if (captureDepth > 0 && XlsxXml.isText(event)) {
                text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                finished = true;
            }
        }
        if (inRow) {
            throw new CorruptSheetException("the sheet ends inside row " + rowNumber);
        }
        return null;
    }

    private void start(String name) throws CorruptSheetException {
        if (depth == SHEET_DATA && "sheetData".equals(name)) {
            inSheetData = true;
        } else if (depth == ROW && inSheetData && "row".equals(name)) {
            startRow();
        } else if (depth == CELL && inRow && "c".equals(name)) {
            startCell();
        } else if (depth == VALUE && inCell) {
            if ("v".equals(name) && !"inlineStr".equals(cellType)) {
                captureDepth = depth;
            } else if ("is".equals(name)) {
                inInline = true;
            }
        } else if (depth == INLINE_TEXT && inInline) {
            if ("t".equals(name)) {
                captureDepth = depth;
            } else if ("r".equals(name)) {
                inRun = true;
            }
        } else if (depth == RUN_TEXT && inRun && "t".equals(name)) {
            captureDepth = depth;
        }
    }

    private SourceRecord end() throws IOException {
        if (depth == captureDepth) {
            captureDepth = -1;
        } else if (depth == INLINE_TEXT && inRun) {
            inRun = false;
        } else if (depth == VALUE && inInline) {
            inInline = false;
        } else if (depth == CELL && inCell) {
            endCell();
        } else if (depth == ROW && inRow) {
            inRow = false;
            SourceRecord record = new SourceRecord(rowNumber, cells);
            cells.clear();
            return record;
        } else if (depth == SHEET_DATA && inSheetData) {
            inSheetData = false;
            finished = true;
        } else if (depth == WORKSHEET) {
            finished = true;
        }
        return null;
    }

    private void startRow() throws CorruptSheetException {
        String r = XlsxXml.attribute(xml, "r");
        long number;
        if (r == null) {
            number = rowNumber + 1;
        } else {
            try {
                number = Long.parseLong(r.trim());
            } catch (NumberFormatException e) {
                throw new CorruptSheetException("a row has the number '" + cut(r) + "'");
            }
            if (number < 1) {
                throw new CorruptSheetException("a row has the number " + number + ", but rows are numbered from 1");
            }
            if (number <= rowNumber) {
                throw new CorruptSheetException("row " + number + " comes after row " + rowNumber
                        + "; rows must be in order");
            }
        }
        inRow = true;
        rowNumber = number;
        rowChars = 0;
        column = -1;
        cells.clear();
    }

    private void startCell() throws CorruptSheetException {
        cellRef = XlsxXml.attribute(xml, "r");
        int col = cellRef == null ? column + 1 : columnOf(cellRef);
        if (col <= column) {
            throw new CorruptSheetException("cell " + cellRef + " of row " + rowNumber
                    + " comes after a cell to its right; cells must be in order");
        }
        if (col >= MAX_COLUMNS) {
            throw new CorruptSheetException("row " + rowNumber + " has a cell beyond column XFD");
        }
        column = col;
        cellType = XlsxXml.attribute(xml, "t");
        String s = XlsxXml.attribute(xml, "s");
        cellStyle = 0;
        if (s != null) {
            try {
                cellStyle = Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                cellStyle = -1;
            }
        }
        inCell = true;
        text.clear();
    }

    private void endCell() throws IOException {
        inCell = false;
        inInline = false;
        inRun = false;
        captureDepth = -1;
        String value = value();
        if (value.isEmpty()) {
            return;
        }
        rowChars += value.length();
        if (rowChars > MAX_ROW_CHARS) {
            throw new HostileContentException("Row " + rowNumber + " of the sheet holds more than "
                    + MAX_ROW_CHARS + " characters.");
        }
        while (cells.size() < column) {
            cells.add("");
        }
        cells.add(value);
    }

    private String value() throws CorruptSheetException {
        String type = cellType == null ? "n" : cellType;
        switch (type) {
            case "s" -> {
                return sharedString();
            }
            case "inlineStr", "str", "e" -> {
                return text.toString();
            }
            case "b" -> {
                String raw = text.toString().trim();
                return switch (raw) {
                    case "1", "true" -> "TRUE";
                    case "0", "false" -> "FALSE";
                    default -> raw;
                };
            }
            case "d" -> {
                return isoDate(text.toString().trim());
            }
            default -> {
                return number(text.toString().trim());
            }
        }
    }

    private String sharedString() throws CorruptSheetException {
        String raw = text.toString().trim();
        if (raw.isEmpty()) {
            return "";
        }
        int index;
        try {
            index = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new CorruptSheetException("cell " + where() + " refers to shared string '" + cut(raw) + "'");
        }
        if (index < 0 || index >= sharedStrings.size()) {
            throw new CorruptSheetException("cell " + where() + " refers to shared string " + index
                    + " but the workbook has " + sharedStrings.size());
        }
        return sharedStrings.get(index);
    }

    private String number(String raw) {
        if (raw.isEmpty()) {
            return "";
        }
        if (styles.isDate(cellStyle)) {
            try {
                double serial = Double.parseDouble(raw);
                if (Workbooks.isDateSerial(serial)) {
                    return Workbooks.dateText(serial, date1904);
                }
            } catch (NumberFormatException e) {
                // not a number after all: shown as it is below
            }
        }
        return plainNumber(raw, maxCellChars);
    }

    /**
     * A number written in the XML as Excel shows it ({@link Workbooks#numberText}): {@code
     * 9.05301234567E11} is {@code 905301234567}, and the {@code 41800000.009999998} Excel writes
     * for an amount is {@code 41800000.01}. Text that is not a decimal number is shown as written.
     */
    static String plainNumber(String raw, int maxCellChars) {
        if (raw.length() <= MAX_NUMBER_SCALE) {
            try {
                // BigDecimal first: it takes only decimal numbers, where Double.parseDouble also
                // takes "NaN", "0x1p3" and "1d".
                BigDecimal n = new BigDecimal(raw);
                if (n.signum() == 0) {
                    return "0";
                }
                BigDecimal stripped = n.stripTrailingZeros();
                if (Math.abs(stripped.scale()) <= MAX_NUMBER_SCALE) {
                    double value = n.doubleValue();
                    // Beyond a double's range no Excel wrote it: its digits as written.
                    return Double.isInfinite(value) ? stripped.toPlainString() : Workbooks.numberText(value);
                }
            } catch (NumberFormatException e) {
                // not a number: shown as written
            }
        }
        return CellText.cut(raw, CellText.keep(maxCellChars));
    }

    /** A {@code t="d"} cell holds an ISO 8601 date as text; normalised like numeric dates. */
    private String isoDate(String raw) {
        try {
            return Workbooks.isoDateTime(LocalDateTime.parse(raw.endsWith("Z") ? raw.substring(0, raw.length() - 1) : raw)
                    .withNano(0));
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(raw).toString();
            } catch (DateTimeParseException e2) {
                return CellText.cut(raw, CellText.keep(maxCellChars));
            }
        }
    }

    private String where() {
        return cellRef != null ? cellRef : "in column " + (column + 1) + " of row " + rowNumber;
    }

    /** The 0-based column of a reference such as {@code AB12}. */
    private int columnOf(String ref) throws CorruptSheetException {
        int col = 0;
        int i = 0;
        for (; i < ref.length() && i < 4; i++) {
            char c = ref.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                col = col * 26 + (c - 'A' + 1);
            } else if (c >= 'a' && c <= 'z') {
                col = col * 26 + (c - 'a' + 1);
            } else {
                break;
            }
        }
        if (i == 0 || i < ref.length() && Character.isLetter(ref.charAt(i))) {
            throw new CorruptSheetException("a cell of row " + rowNumber + " has the reference '" + cut(ref) + "'");
        }
        return col - 1;
    }

    private static String cut(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "...";
    }

    /** A sheet whose structure makes no sense: rows out of order, a broken reference. */
    static final class CorruptSheetException extends IOException {

        private static final long serialVersionUID = 1L;

        CorruptSheetException(String message) {
            super(message);
        }
    }
}
