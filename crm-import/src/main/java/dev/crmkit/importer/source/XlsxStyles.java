package dev.crmkit.importer.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Which cell styles of {@code styles.xml} show numbers as dates, read by streaming instead of
 * POI's {@code StylesTable}, which builds the whole stylesheet in memory. A style is a date style
 * when POI's {@link DateUtil#isADateFormat(int, String)} says so of its number format; the
 * built-in ids 27-36 and 50-58, dates in East Asian versions of Excel, count as dates too.
 */
final class XlsxStyles {

    /** Excel allows 64,000 cell formats; beyond this many the stylesheet is refused. */
    static final int MAX_CELL_FORMATS = 1 << 20;
    static final int MAX_NUMBER_FORMATS = 1 << 16;
    /** Excel's limit for a number format code; a longer one is not looked at as a date format. */
    static final int MAX_FORMAT_CODE_CHARS = 255;

    static final XlsxStyles NONE = new XlsxStyles(new BitSet());

    private final BitSet dateStyles;

    private XlsxStyles(BitSet dateStyles) {
        this.dateStyles = dateStyles;
    }

    boolean isDate(int styleIndex) {
        return styleIndex >= 0 && dateStyles.get(styleIndex);
    }

    static XlsxStyles read(InputStream in, String partName) throws IOException, XMLStreamException {
        Map<Integer, Boolean> customIsDate = new HashMap<>();
        int[] formatOfStyle = new int[64];
        int styles = 0;
        XMLStreamReader xml = XlsxXml.open(in);
        try {
            int depth = 0;
            boolean inNumFmts = false;
            boolean inCellXfs = false;
            while (xml.hasNext()) {
                int event = XlsxXml.next(xml, partName);
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = xml.getLocalName();
                    if (depth == 2) {
                        inNumFmts = "numFmts".equals(name);
                        inCellXfs = "cellXfs".equals(name);
                    } else if (depth == 3 && inNumFmts && "numFmt".equals(name)) {
                        if (customIsDate.size() == MAX_NUMBER_FORMATS) {
                            throw new HostileContentException("The stylesheet has more than " + MAX_NUMBER_FORMATS
                                    + " number formats.");
                        }
                        int id = parseId(XlsxXml.attribute(xml, "numFmtId"));
                        String code = XlsxXml.attribute(xml, "formatCode");
                        if (id >= 0 && code != null) {
                            customIsDate.put(id, code.length() <= MAX_FORMAT_CODE_CHARS
                                    && DateUtil.isADateFormat(id, code));
                        }
                    } else if (depth == 3 && inCellXfs && "xf".equals(name)) {
                        if (styles == MAX_CELL_FORMATS) {
                            throw new HostileContentException("The stylesheet has more than " + MAX_CELL_FORMATS
                                    + " cell formats.");
                        }
                        if (styles == formatOfStyle.length) {
                            formatOfStyle = Arrays.copyOf(formatOfStyle, styles * 2);
                        }
                        formatOfStyle[styles++] = parseId(XlsxXml.attribute(xml, "numFmtId"));
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == 2) {
                        inNumFmts = false;
                        inCellXfs = false;
                    }
                    depth--;
                }
            }
        } finally {
            XlsxXml.closeQuietly(xml);
        }
        BitSet dates = new BitSet(styles);
        for (int i = 0; i < styles; i++) {
            int id = formatOfStyle[i];
            Boolean custom = customIsDate.get(id);
            if (custom != null ? custom : isBuiltInDate(id)) {
                dates.set(i);
            }
        }
        return new XlsxStyles(dates);
    }

    private static boolean isBuiltInDate(int id) {
        if (id < 0) {
            return false;
        }
        if (id >= 27 && id <= 36 || id >= 50 && id <= 58) {
            return true;
        }
        String code = id < BuiltinFormats.FIRST_USER_DEFINED_FORMAT_INDEX ? BuiltinFormats.getBuiltinFormat(id) : null;
        return DateUtil.isInternalDateFormat(id) || code != null && DateUtil.isADateFormat(id, code);
    }

    private static int parseId(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
