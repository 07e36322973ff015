package dev.crmkit.importer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFFont;
import org.apache.poi.hssf.usermodel.HSSFRichTextString;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.Decryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The legacy reader's own parsing of the shared string table, against what POI writes. */
class BiffSharedStringsTest {

    @TempDir
    Path dir;

    /** Row i: a short text, then every 50th row a long one (one or two bytes a character), every 7th rich text. */
    private static List<List<String>> expected() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            List<String> cells = new ArrayList<>();
            cells.add(i % 2 == 0 ? "Müşteri " + i : "customer " + i);
            if (i % 50 == 0) {
                cells.add((i % 100 == 0 ? "ş" : "x").repeat(9000 + i) + i);
            } else if (i % 7 == 0) {
                cells.add("Kalın ve normal " + i);
            }
            rows.add(cells);
        }
        return rows;
    }

    private Path workbook(List<List<String>> rows) throws IOException {
        Path file = dir.resolve("strings.xls");
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            HSSFFont bold = wb.createFont();
            bold.setBold(true);
            Sheet sheet = wb.createSheet("Müşteriler");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    String text = rows.get(r).get(c);
                    if (text.startsWith("Kalın")) {
                        HSSFRichTextString rich = new HSSFRichTextString(text);
                        rich.applyFont(0, 5, bold);
                        row.createCell(c).setCellValue(rich);
                    } else {
                        row.createCell(c).setCellValue(text);
                    }
                }
            }
            XlsFixtures.write(wb, file);
        }
        return file;
    }

    private static List<List<String>> read(XlsSource source) {
        List<List<String>> rows = new ArrayList<>();
        for (SourceRecord r = source.next(); r != null; r = source.next()) {
            rows.add(r.cells());
        }
        return rows;
    }

    @Test
    void stringsSplitAcrossRecordsInBothWidthsAndRichTextReadAsWritten() throws IOException {
        List<List<String>> expected = expected();
        Path file = workbook(expected);
        try (XlsSource source = XlsSource.open(file, SourceOptions.DEFAULT)) {
            assertThat(read(source)).isEqualTo(expected);
        }
    }

    @Test
    void aTableBeyondItsMemoryBudgetMovesToATemporaryFileThatCloseDeletes() throws IOException {
        List<List<String>> expected = expected();
        Path file = workbook(expected);
        Path spill = Files.createDirectory(dir.resolve("spill"));
        try (XlsSource source = XlsSource.open(file, SourceOptions.DEFAULT, 4096, spill)) {
            assertThat(read(source)).isEqualTo(expected);
        }
        assertThat(spill).isEmptyDirectory();

        BiffSharedStrings strings = new BiffSharedStrings(100, 64, spill);
        byte[] body = new byte[8 + 100 * 4];
        for (int i = 0; i < 100; i++) {
            // One character each: length 1, one-byte characters, the letter.
            body[8 + i * 4] = 1;
            body[8 + i * 4 + 3] = (byte) ('A' + i % 26);
        }
        strings.add(body, false);
        SharedStringTable table = strings.finish();
        assertThat(table.isSpilled()).isTrue();
        assertThat(table.size()).isEqualTo(100);
        assertThat(table.get(27)).isEqualTo("B");
        strings.close();
        assertThat(spill).isEmptyDirectory();
    }

    @Test
    void stringsAreCutToOneCharacterOverTheCellLimitAsTheyAreParsed() throws IOException {
        List<List<String>> expected = expected();
        Path file = workbook(expected);
        SourceOptions options = SourceOptions.DEFAULT.withLimits(SourceLimits.DEFAULT.withMaxCellChars(100));
        try (XlsSource source = XlsSource.open(file, options)) {
            List<List<String>> rows = read(source);
            assertThat(rows.get(0).get(1)).isEqualTo("ş".repeat(101));
            assertThat(rows.get(50).get(1)).isEqualTo("x".repeat(101));
            assertThat(rows.get(7)).isEqualTo(expected.get(7));
        }
    }

    @Test
    @DisplayName("a workbook encrypted with Excel's default password (structure protection) reads the same:"
            + " renaming the SST does not disturb decryption")
    void defaultPasswordEncryptionIsUndisturbed() throws IOException {
        List<List<String>> expected = expected().subList(0, 120);
        Path plain = workbook(expected);
        Path encrypted = dir.resolve("encrypted.xls");
        try (HSSFWorkbook wb = new HSSFWorkbook(Files.newInputStream(plain))) {
            Biff8EncryptionKey.setCurrentUserPassword(Decryptor.DEFAULT_PASSWORD);
            try {
                XlsFixtures.write(wb, encrypted);
            } finally {
                Biff8EncryptionKey.setCurrentUserPassword(null);
            }
        }
        try (POIFSFileSystem fs = new POIFSFileSystem(encrypted.toFile(), true);
             InputStream in = fs.getRoot().createDocumentInputStream("Workbook")) {
            byte[] head = in.readNBytes(24);
            int bofLength = (head[2] & 0xFF) | (head[3] & 0xFF) << 8;
            assertThat((head[4 + bofLength] & 0xFF) | (head[5 + bofLength] & 0xFF) << 8)
                    .as("a FILEPASS record after the BOF").isEqualTo(0x002F);
        }
        try (XlsSource source = XlsSource.open(encrypted, SourceOptions.DEFAULT)) {
            assertThat(read(source)).isEqualTo(expected);
        }
    }

    @Test
    void recordsEndingInsideAStringAreDamage() throws IOException {
        BiffSharedStrings strings = new BiffSharedStrings(100, 1 << 20, dir);
        // Counts, then a string of five one-byte characters of which only two arrive.
        strings.add(new byte[] {1, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 'a', 'b'}, false);
        assertThatThrownBy(strings::finish).isInstanceOf(HostileContentException.class).hasMessageContaining("cut short");
        strings.close();
    }

    @Test
    void aContinuedStringSwitchesWidthAtTheRecordBoundary() throws IOException {
        BiffSharedStrings strings = new BiffSharedStrings(100, 1 << 20, dir);
        strings.add(new byte[] {1, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 'a', 'b'}, false);
        // The rest in two-byte characters: the option byte, then ş (U+015F) and ç (U+00E7).
        strings.add(new byte[] {1, 0x5F, 0x01, (byte) 0xE7, 0}, true);
        SharedStringTable table = strings.finish();
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.get(0)).isEqualTo("abşç");
        strings.close();
    }
}
