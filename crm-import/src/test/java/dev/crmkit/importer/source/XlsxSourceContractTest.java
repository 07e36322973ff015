package dev.crmkit.importer.source;

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
}
