package dev.crmkit.importer.source;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Workbook;

class XlsSourceContractTest extends SpreadsheetSourceContract {

    @Override
    protected Workbook newWorkbook() {
        return new HSSFWorkbook();
    }

    @Override
    protected String extension() {
        return ".xls";
    }
}
