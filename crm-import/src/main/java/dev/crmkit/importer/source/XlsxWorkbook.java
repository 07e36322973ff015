package dev.crmkit.importer.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** What this reader needs of {@code workbook.xml}: the sheets in order and the date system. */
record XlsxWorkbook(List<Sheet> sheets, boolean date1904) {

    /** Far more than any real workbook; bounds memory for a hostile one. */

    record Sheet(String name, String relationshipId) {
    }

    XlsxWorkbook {
        sheets = List.copyOf(sheets);
    }

    static XlsxWorkbook read(InputStream in, String partName) throws IOException, XMLStreamException {
        List<Sheet> sheets = new ArrayList<>();
        boolean date1904 = false;
        XMLStreamReader xml = XlsxXml.open(in);
        try {
            int depth = 0;
            boolean inSheets = false;
            while (xml.hasNext()) {
                int event = XlsxXml.next(xml, partName);
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = xml.getLocalName();
                    if (depth == 2 && "workbookPr".equals(name)) {
                        String value = XlsxXml.attribute(xml, "date1904");
                        date1904 = "1".equals(value) || "true".equals(value);
                    } else if (depth == 2 && "sheets".equals(name)) {
                        inSheets = true;
                    } else if (inSheets && depth == 3 && "sheet".equals(name)) {
                        if (sheets.size() == Workbooks.MAX_SHEETS) {
                            throw new HostileContentException("The workbook lists more than " + Workbooks.MAX_SHEETS
                                    + " sheets.");
                        }
                        String sheetName = XlsxXml.attribute(xml, "name");
                        sheets.add(new Sheet(sheetName == null ? "" : sheetName, XlsxXml.relationshipId(xml)));
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == 2) {
                        inSheets = false;
                    }
                    depth--;
                }
            }
        } finally {
            XlsxXml.closeQuietly(xml);
        }
        return new XlsxWorkbook(sheets, date1904);
    }
}
