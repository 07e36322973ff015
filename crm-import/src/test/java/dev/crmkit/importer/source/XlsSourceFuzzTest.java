package dev.crmkit.importer.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;

/**
 * Fuzzes {@link XlsSource} on any bytes, through the same checks as every reader
 * ({@link SpreadsheetFuzzing#readAll}).
 *
 * <p>Committed inputs: {@code src/test/resources/dev/crmkit/importer/source/XlsSourceFuzzTestInputs/xlsFile/}.
 */
class XlsSourceFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void xlsFile(byte[] data) {
        Path file = SpreadsheetFuzzing.write("input.xls", data);
        SpreadsheetFuzzing.readAll(file, f -> XlsSource.open(f, SpreadsheetFuzzing.OPTIONS));
    }
}
