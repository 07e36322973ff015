package dev.crmkit.importer.source;

import static dev.crmkit.importer.source.SpreadsheetFuzzing.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes {@link XlsxSource} on any bytes, through the same checks as every reader
 * ({@link SpreadsheetFuzzing#readAll}); in addition the shared strings' temporary files are gone
 * once the source is closed. Inputs of odd length read with a shared-strings memory budget of a
 * few hundred bytes, so that the spill to disk is fuzzed too.
 *
 * <p>Committed inputs: {@code src/test/resources/dev/crmkit/importer/source/XlsxSourceFuzzTestInputs/xlsxFile/}.
 */
class XlsxSourceFuzzTest {

    private static final long SMALL_BUDGET = 256;

    @FuzzTest(maxDuration = "10s")
    void xlsxFile(byte[] data) {
        Path file = SpreadsheetFuzzing.write("input.xlsx", data);
        Path spill = spillDirectory();
        long budget = data.length % 2 == 1 ? SMALL_BUDGET : SharedStringTable.DEFAULT_MEMORY_BUDGET;
        SpreadsheetFuzzing.readAll(file,
                f -> XlsxSource.open(f, SpreadsheetFuzzing.OPTIONS, budget, spill));
        check(SpreadsheetFuzzing.isEmpty(spill), "temporary files left behind after close");
    }

    private static Path spillDirectory() {
        Path spill = SpreadsheetFuzzing.dir().resolve("spill");
        try {
            return Files.createDirectories(spill);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
