package dev.crmkit.importer.source;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

class XlsxSourceContractTest extends SpreadsheetSourceContract {

    @Override
    protected Workbook newWorkbook() {
        return new XSSFWorkbook();
    }

    @Override
    protected String extension() {
        return ".xlsx";
    }

    @Override
    protected Path asExcelWritesNumbers(Path file) throws IOException {
        String entry = "xl/worksheets/sheet1.xml";
        Matcher m = NUMBER.matcher(MinimalXlsx.text(file, entry));
        StringBuilder xml = new StringBuilder();
        while (m.find()) {
            BigDecimal exact = new BigDecimal(Double.parseDouble(m.group(1)));
            m.appendReplacement(xml, "<v>" + exact.round(new MathContext(17)).stripTrailingZeros().toString() + "</v>");
        }
        m.appendTail(xml);
        return MinimalXlsx.rewrite(file, file.resolveSibling("excel-digits.xlsx"), entry,
                xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The value of a numeric cell: POI writes only those without a type. */
    private static final Pattern NUMBER = Pattern.compile("<v>([-0-9.E]+)</v>");
}
