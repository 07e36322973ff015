package dev.crmkit.importer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.importer.ImportFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.poi.hssf.model.InternalWorkbook;
import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.usermodel.HSSFFont;
import org.apache.poi.hssf.usermodel.HSSFFormulaEvaluator;
import org.apache.poi.hssf.usermodel.HSSFRichTextString;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsSourceTest {

    @TempDir
    Path dir;

    @Nested
    @DisplayName("cells")
    class Cells {

        @Test
        void textCellsKeepTurkishLettersAndRichTextIsItsRuns() throws IOException {
            Path file = workbook(wb -> {
                Row row = wb.createSheet("S").createRow(0);
                row.createCell(0).setCellValue("İsmail Işık ğüşöç İĞÜŞÖÇ ı");
                HSSFRichTextString rich = new HSSFRichTextString("Ayşe Yılmaz");
                HSSFFont bold = wb.createFont();
                bold.setBold(true);
                rich.applyFont(0, 4, bold);
                row.createCell(1).setCellValue(rich);
                row.createCell(2).setCellValue("=1+1");
                row.createCell(3).setCellValue("  boşluklu  ");
            });

            assertThat(readAll(file)).containsExactly(
                    record(1, "İsmail Işık ğüşöç İĞÜŞÖÇ ı", "Ayşe Yılmaz", "=1+1", "  boşluklu  "));
        }

        @Test
        @DisplayName("numbers are exact digits; beyond 2^53 and in fractions the 15 digits Excel shows")
        void numbersAreExactDecimalDigits() throws IOException {
            Path file = workbook(wb -> {
                Row row = wb.createSheet("S").createRow(0);
                double[] values = {905301234567d, 1234.5, 42, -3.25, 0, 0.001, 1e15, 123456789012345678d, 5301234567d,
                    -0.0, 1.5e-10};
                for (int i = 0; i < values.length; i++) {
                    row.createCell(i).setCellValue(values[i]);
                }
            });

            assertThat(readAll(file)).containsExactly(record(1, "905301234567", "1234.5", "42", "-3.25", "0", "0.001",
                    "1000000000000000", "123456789012346000", "5301234567", "0", "0.00000000015"));
        }

        @Test
        void numbersWithNonDateFormatsStayNumbers() throws IOException {
            Path file = workbook(wb -> {
                Row row = wb.createSheet("S").createRow(0);
                row.createCell(0).setCellValue(905301234567d);
                row.getCell(0).setCellStyle(style(wb, "0"));
                row.createCell(1).setCellValue(0.125);
                row.getCell(1).setCellStyle(style(wb, "0.00%"));
                row.createCell(2).setCellValue(1234.56);
                row.getCell(2).setCellStyle(style(wb, "#,##0.00 \"TL\""));
                row.createCell(3).setCellValue(905301234567d);
                row.getCell(3).setCellStyle(style(wb, "@"));
            });

            assertThat(readAll(file)).containsExactly(record(1, "905301234567", "0.125", "1234.56", "905301234567"));
        }

        @Test
        void datesAreIsoWithTimeOnlyWhenTheyHaveOne() throws IOException {
            Path file = workbook(wb -> {
                Row row = wb.createSheet("S").createRow(0);
                row.createCell(0).setCellValue(LocalDateTime.of(2024, 3, 15, 0, 0));
                row.getCell(0).setCellStyle(style(wb, "dd.mm.yyyy"));
                row.createCell(1).setCellValue(LocalDateTime.of(2024, 3, 15, 14, 30));
                row.getCell(1).setCellStyle(style(wb, "dd.mm.yyyy hh:mm"));
                row.createCell(2).setCellValue(LocalDateTime.of(1999, 12, 31, 23, 59, 58));
                row.getCell(2).setCellStyle(style(wb, "yyyy-mm-dd hh:mm:ss"));
                row.createCell(3).setCellValue(LocalDateTime.of(2020, 2, 29, 0, 0));
                row.getCell(3).setCellStyle(style(wb, "m/d/yy")); // built-in format 14
                row.createCell(4).setCellValue(0.5);
                row.getCell(4).setCellStyle(style(wb, "h:mm"));
                row.createCell(5).setCellValue(45366.25);
                row.getCell(5).setCellStyle(style(wb, "[$-41F]d mmmm yyyy;@"));
            });

            assertThat(readAll(file)).containsExactly(record(1, "2024-03-15", "2024-03-15T14:30",
                    "1999-12-31T23:59:58", "2020-02-29", "12:00", "2024-03-15T06:00"));
        }

        @Test
        void dates1904CountFromNineteenOFour() throws IOException {
            double serial = DateUtil.getExcelDate(LocalDateTime.of(2024, 3, 15, 8, 15), true);
            Path file = workbook(wb -> {
                InternalWorkbook internal = wb.getInternalWorkbook();
                ((DateWindow1904Record) internal.findFirstRecordBySid(DateWindow1904Record.sid)).setWindowing((short) 1);
                Row row = wb.createSheet("S").createRow(0);
                row.createCell(0).setCellValue(serial);
                row.getCell(0).setCellStyle(style(wb, "dd.mm.yyyy hh:mm"));
                row.createCell(1).setCellValue(Math.floor(serial));
                row.getCell(1).setCellStyle(style(wb, "dd.mm.yyyy"));
            });

            assertThat(readAll(file)).containsExactly(record(1, "2024-03-15T08:15", "2024-03-15"));
        }

        @Test
        void booleansAndErrors() throws IOException {
            Path file = workbook(wb -> {
                Row row = wb.createSheet("S").createRow(0);
                row.createCell(0).setCellValue(true);
                row.createCell(1).setCellValue(false);
                row.createCell(2).setCellErrorValue(FormulaError.DIV0.getCode());
                row.createCell(3).setCellErrorValue(FormulaError.NA.getCode());
                row.createCell(4).setCellErrorValue(FormulaError.REF.getCode());
            });

            assertThat(readAll(file)).containsExactly(record(1, "TRUE", "FALSE", "#DIV/0!", "#N/A", "#REF!"));
        }

        @Test
        void formulasGiveTheirCachedResultsNeverTheirText() throws IOException {
            Path file = workbook(wb -> {
                Sheet sheet = wb.createSheet("S");
                Row row = sheet.createRow(0);
                row.createCell(0).setCellValue("Ayşe");
                row.createCell(1).setCellValue(617.25);
                row.createCell(2).setCellFormula("A1&\" Yılmaz\"");
                row.createCell(3).setCellFormula("B1*2");
                row.createCell(4).setCellFormula("B1>0");
                row.createCell(5).setCellFormula("1/0");
                row.createCell(6).setCellFormula("\"\"");
                row.createCell(7).setCellFormula("0.1+0.2");
                row.createCell(8).setCellFormula("DATE(2024,3,15)");
                row.getCell(8).setCellStyle(style(wb, "dd.mm.yyyy"));
                row.createCell(9).setCellFormula("NA()");
                row.createCell(10).setCellFormula("905300000000+1234567");
                HSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            });

            assertThat(readAll(file)).containsExactly(record(1, "Ayşe", "617.25", "Ayşe Yılmaz", "1234.5", "TRUE",
                    "#DIV/0!", "", "0.3", "2024-03-15", "#N/A", "905301234567"));
        }

        @Test
        void aLongStringFormulaResultIsRead() throws IOException {
            String longText = "ş".repeat(9000);
            Path file = workbook(wb -> {
                Row row = wb.createSheet("S").createRow(0);
                row.createCell(0).setCellValue(longText);
                row.createCell(1).setCellFormula("A1&\"!\"");
                HSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            });

            assertThat(readAll(file)).containsExactly(record(1, longText, longText + "!"));
        }
    }

    @Nested
    @DisplayName("rows")
    class Rows {

        @Test
        void rowNumbersAreTheOnesExcelShowsAndRowsWithoutCellsAreLeftOut() throws IOException {
            Path file = workbook(wb -> {
                Sheet sheet = wb.createSheet("S");
                sheet.createRow(1).createCell(0).setCellValue("İsim");
                sheet.createRow(2); // a row record without cells
                sheet.createRow(4).createCell(1).setCellValue("ikinci sütun");
                sheet.createRow(9).createCell(0).setCellValue("son");
            });

            assertThat(readAll(file)).containsExactly(record(2, "İsim"), record(5, "", "ikinci sütun"), record(10, "son"));
        }

        @Test
        void missingCellsAreEmptyAndTrailingOnesAreDropped() throws IOException {
            Path file = workbook(wb -> {
                Sheet sheet = wb.createSheet("S");
                Row row = sheet.createRow(0);
                row.createCell(0).setCellValue("a");
                row.createCell(3).setCellValue("d");
                row.createCell(5); // blank
                row.createCell(7).setCellValue("");
                Row blanks = sheet.createRow(1);
                blanks.createCell(0);
                blanks.createCell(2);
            });

            List<SourceRecord> records = readAll(file);

            assertThat(records).containsExactly(record(1, "a", "", "", "d"), record(2));
            assertThat(records.get(1).isBlank()).isTrue();
        }

        @Test
        void manyRowsComeBackInOrder() throws IOException {
            Path file = workbook(wb -> {
                Sheet sheet = wb.createSheet("S");
                for (int r = 0; r < 3000; r++) {
                    Row row = sheet.createRow(r);
                    row.createCell(0).setCellValue("Müşteri " + r);
                    row.createCell(1).setCellValue(905300000000d + r);
                }
            });

            List<SourceRecord> records = readAll(file);

            assertThat(records).hasSize(3000);
            for (int r = 0; r < 3000; r++) {
                assertThat(records.get(r)).isEqualTo(record(r + 1, "Müşteri " + r, Long.toString(905300000000L + r)));
            }
        }
    }

    @Nested
    @DisplayName("sheets")
    class Sheets {

        private Path threeSheets() throws IOException {
            return workbook(wb -> {
                for (String name : List.of("Özet", "Müşteriler", "IŞIK")) {
                    wb.createSheet(name).createRow(0).createCell(0).setCellValue("sayfa " + name);
                }
            });
        }

        @Test
        void theFirstSheetByDefault() throws IOException {
            Path file = threeSheets();
            try (XlsSource source = XlsSource.open(file, SourceOptions.DEFAULT)) {
                assertThat(source.info().sheetName()).isEqualTo("Özet");
                assertThat(source.next()).isEqualTo(record(1, "sayfa Özet"));
                assertThat(source.next()).isNull();
            }
        }

        @Test
        void bySheetIndex() throws IOException {
            Path file = threeSheets();
            assertThat(readAll(file, SourceOptions.DEFAULT.withSheetIndex(2))).containsExactly(record(1, "sayfa IŞIK"));
            assertThat(readAll(file, SourceOptions.DEFAULT.withSheetIndex(1))).containsExactly(record(1, "sayfa Müşteriler"));
        }

        @Test
        void byNameExactlyThenTurkishAwareIgnoringCase() throws IOException {
            Path file = threeSheets();
            for (String name : List.of("Müşteriler", "MÜŞTERİLER", "müşteriler", " Musteriler ")) {
                try (XlsSource source = XlsSource.open(file, SourceOptions.DEFAULT.withSheetName(name))) {
                    assertThat(source.info().sheetName()).isEqualTo("Müşteriler");
                    assertThat(source.next()).isEqualTo(record(1, "sayfa Müşteriler"));
                }
            }
            assertThat(readAll(file, SourceOptions.DEFAULT.withSheetName("ışık"))).containsExactly(record(1, "sayfa IŞIK"));
        }

        @Test
        void theNameWinsOverTheIndex() throws IOException {
            Path file = threeSheets();
            assertThat(readAll(file, SourceOptions.DEFAULT.withSheetIndex(0).withSheetName("IŞIK")))
                    .containsExactly(record(1, "sayfa IŞIK"));
        }

        @Test
        void aMissingSheetNamesTheOnesThereAre() throws IOException {
            Path file = threeSheets();
            assertThatThrownBy(() -> XlsSource.open(file, SourceOptions.DEFAULT.withSheetName("Kişiler")))
                    .isInstanceOfSatisfying(ImportFileException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.FILE_UNREADABLE);
                        assertThat(e.getMessage()).contains("Kişiler", "'Özet', 'Müşteriler', 'IŞIK'");
                    });
            assertThatThrownBy(() -> XlsSource.open(file, SourceOptions.DEFAULT.withSheetIndex(3)))
                    .isInstanceOfSatisfying(ImportFileException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.FILE_UNREADABLE);
                        assertThat(e.getMessage()).contains("'Özet', 'Müşteriler', 'IŞIK'");
                    });
        }

        @Test
        void anEmptySheetHasNoRecords() throws IOException {
            Path file = workbook(wb -> {
                wb.createSheet("Boş");
                wb.createSheet("Dolu").createRow(0).createCell(0).setCellValue("x");
            });
            assertThat(readAll(file)).isEmpty();
            assertThat(readAll(file, SourceOptions.DEFAULT.withSheetIndex(1))).containsExactly(record(1, "x"));
        }
    }

    @Nested
    @DisplayName("committed fixtures")
    class Fixtures {

        @Test
        void customersFirstSheet() throws IOException {
            Path file = resource(XlsFixtures.CUSTOMERS);

            try (XlsSource source = XlsSource.open(file, SourceOptions.DEFAULT)) {
                assertThat(source.info()).isEqualTo(new SourceInfo(SourceFormat.XLS, null, null, "Sayfa1", Files.size(file)));
                List<SourceRecord> records = drain(source);
                assertThat(records).containsExactly(
                        record(1, "İsim", "Telefon", "E-posta", "Kayıt Tarihi", "Toplam Tutar", "Aktif", "Etiket", "Puan"),
                        record(2, "İsmail Işık", "905301234567", "ismail@ornek.com.tr", "2024-03-15", "1234.5", "TRUE",
                                "İsmail Işık (VIP)", "2469"),
                        record(4, "Ayşe Gül Çağlayan", "+90 532 123 45 67", "", "2023-12-31T09:30", "-0.75", "FALSE",
                                "Ayşe Gül Çağlayan (Normal)", "-1.5"));
            }
        }

        @Test
        void customersSecondSheetByName() throws IOException {
            Path file = resource(XlsFixtures.CUSTOMERS);
            assertThat(readAll(file, SourceOptions.DEFAULT.withSheetName("MÜŞTERİLER")))
                    .containsExactly(record(1, "İsim", "Telefon"), record(2, "Şükrü Ağaoğlu", "905551112233"));
        }

        @Test
        void theFixtureGeneratorStillWritesTheSameCells() throws IOException {
            Path fresh = dir.resolve("fresh.xls");
            XlsFixtures.writeCustomers(fresh);
            assertThat(readAll(fresh)).isEqualTo(readAll(resource(XlsFixtures.CUSTOMERS)));
        }

        @Test
        void aPasswordProtectedWorkbookIsUnreadable() throws IOException {
            assertUnreadable(resource(XlsFixtures.PROTECTED), "password");
        }
    }

    @Nested
    @DisplayName("broken and refused files")
    class Broken {

        @Test
        void aWorkbookEncryptedWhileWritingIsUnreadable() throws IOException {
            Path file = dir.resolve("gizli.xls");
            XlsFixtures.writeProtected(file);
            assertUnreadable(file, "password");
        }

        @Test
        void truncatedWorkbooksAreUnreadable() throws IOException {
            Path file = workbook(wb -> {
                Sheet sheet = wb.createSheet("S");
                for (int r = 0; r < 2000; r++) {
                    sheet.createRow(r).createCell(0).setCellValue("Müşteri " + r);
                }
            });
            byte[] bytes = Files.readAllBytes(file);
            for (int percent : new int[] {5, 25, 50, 75, 90}) {
                Path cut = dir.resolve("cut" + percent + ".xls");
                Files.write(cut, Arrays.copyOf(bytes, bytes.length * percent / 100));
                assertUnreadable(cut, "");
            }
        }

        @Test
        void damagedWorkbooksFailOnlyWithFileErrors() throws IOException {
            Path file = workbook(wb -> {
                Sheet sheet = wb.createSheet("S");
                for (int r = 0; r < 300; r++) {
                    Row row = sheet.createRow(r);
                    row.createCell(0).setCellValue("Müşteri " + r);
                    row.createCell(1).setCellValue(r * 1.5);
                    row.createCell(2).setCellFormula("B" + (r + 1) + "*2");
                }
            });
            byte[] original = Files.readAllBytes(file);
            Random random = new Random(7);
            for (int attempt = 0; attempt < 40; attempt++) {
                byte[] bytes = original.clone();
                for (int i = 0; i < 1 + attempt % 8; i++) {
                    bytes[512 + random.nextInt(bytes.length - 512)] = (byte) random.nextInt(256);
                }
                Path damaged = dir.resolve("damaged" + attempt + ".xls");
                Files.write(damaged, bytes);
                Throwable thrown = catchThrowable(() -> readAll(damaged));
                if (thrown != null) {
                    assertThat(thrown).isInstanceOf(ImportFileException.class);
                    assertThat(((ImportFileException) thrown).code()).isEqualTo(ErrorCode.FILE_UNREADABLE);
                }
            }
        }

        @Test
        @DisplayName("a row whose cells come after a later row's is unreadable, not read twice or out of order")
        void rowsOutOfOrderAreUnreadable() throws IOException {
            Path file = workbook(wb -> {
                Sheet sheet = wb.createSheet("S");
                sheet.createRow(0).createCell(0).setCellValue("isim");
                sheet.createRow(1).createCell(0).setCellValue(1);
                sheet.createRow(2).createCell(0).setCellValue(2);
            });
            byte[] stream;
            try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true);
                 InputStream in = fs.createDocumentInputStream("Workbook")) {
                stream = in.readAllBytes();
            }
            List<Integer> numbers = new ArrayList<>();
            for (int pos = 0; pos + 4 <= stream.length; pos += 4 + ((stream[pos + 2] & 0xFF) | (stream[pos + 3] & 0xFF) << 8)) {
                if (((stream[pos] & 0xFF) | (stream[pos + 1] & 0xFF) << 8) == NumberRecord.sid) {
                    numbers.add(pos);
                }
            }
            assertThat(numbers).hasSize(2);
            stream[numbers.get(1) + 4] = 0; // the cell of row 3 now says row 1
            Path damaged = dir.resolve("rows-out-of-order.xls");
            writeOle2(damaged, "Workbook", stream);

            assertUnreadable(damaged, "row 1 comes after row 2");
        }

        @Test
        void anExcel95WorkbookIsUnreadable() throws IOException {
            Path file = dir.resolve("excel95.xls");
            writeOle2(file, "Book", new byte[] {0x09, 0x08, 0x08, 0x00, 0x00, 0x05, 0x05, 0x00, 0, 0, 0, 0});
            assertUnreadable(file, "Excel 5.0/95");
        }

        @Test
        @DisplayName("a BIFF8 workbook whose stream is named BOOK, as some tools write it, is read: its BOF record says the version")
        void aBiff8StreamNamedBookIsRead() throws IOException {
            Path written = dir.resolve("poi.xls");
            try (HSSFWorkbook wb = new HSSFWorkbook()) {
                Row row = wb.createSheet("Müşteriler").createRow(0);
                row.createCell(0).setCellValue("Ayşe Yılmaz");
                row.createCell(1).setCellValue(905301234567d);
                try (OutputStream out = Files.newOutputStream(written)) {
                    wb.write(out);
                }
            }
            Path file = dir.resolve("book.xls");
            try (POIFSFileSystem fs = new POIFSFileSystem(written.toFile(), false);
                 OutputStream out = Files.newOutputStream(file)) {
                assertThat(fs.getRoot().getEntry("Workbook").renameTo("BOOK")).isTrue();
                fs.writeFilesystem(out);
            }

            try (XlsSource source = XlsSource.open(file, SourceOptions.DEFAULT)) {
                assertThat(drain(source)).containsExactly(record(1, "Ayşe Yılmaz", "905301234567"));
            }
        }

        @Test
        void aBiff5StreamNamedWorkbookIsUnreadable() throws IOException {
            Path file = dir.resolve("biff5.xls");
            byte[] stream = {0x09, 0x08, 0x08, 0x00, 0x00, 0x05, 0x05, 0x00, 0, 0, 0, 0, 0x0A, 0x00, 0x00, 0x00};
            writeOle2(file, "Workbook", stream);
            assertUnreadable(file, "Excel 5.0/95");
        }

        @Test
        void aWordDocumentIsNotSupported() throws IOException {
            Path file = dir.resolve("mektup.xls");
            writeOle2(file, "WordDocument", new byte[64]);
            assertThatThrownBy(() -> XlsSource.open(file, SourceOptions.DEFAULT))
                    .isInstanceOfSatisfying(ImportFileException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_FORMAT_UNSUPPORTED));
        }

        @Test
        void textIsNoWorkbook() throws IOException {
            Path file = dir.resolve("liste.xls");
            Files.writeString(file, "İsim;Telefon\nAyşe;05301234567\n", StandardCharsets.UTF_8);
            assertUnreadable(file, "not an Excel 97-2003 workbook");
        }

        @Test
        void anEmptyFileIsEmpty() throws IOException {
            Path file = Files.createFile(dir.resolve("bos.xls"));
            assertThatThrownBy(() -> XlsSource.open(file, SourceOptions.DEFAULT))
                    .isInstanceOfSatisfying(ImportFileException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_EMPTY));
        }
    }

    @Nested
    @DisplayName("limits and progress")
    class Limits {

        private Path tenRows() throws IOException {
            return workbook(wb -> {
                Sheet sheet = wb.createSheet("S");
                for (int r = 0; r < 10; r++) {
                    sheet.createRow(r).createCell(0).setCellValue("satır " + (r + 1));
                }
            });
        }

        @Test
        void aFileAboveTheSizeLimitIsNotOpened() throws IOException {
            Path file = tenRows();
            long size = Files.size(file);
            SourceOptions options = SourceOptions.DEFAULT.withLimits(SourceLimits.DEFAULT.withMaxFileBytes(size - 1));
            assertThatThrownBy(() -> XlsSource.open(file, options))
                    .isInstanceOfSatisfying(ImportFileException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_TOO_LARGE));
            SourceOptions exact = SourceOptions.DEFAULT.withLimits(SourceLimits.DEFAULT.withMaxFileBytes(size));
            assertThat(readAll(file, exact)).hasSize(10);
        }

        @Test
        void rowsBeyondTheLimitFailAfterTheAllowedOnes() throws IOException {
            Path file = tenRows();
            SourceOptions options = SourceOptions.DEFAULT.withLimits(SourceLimits.DEFAULT.withMaxRows(9));
            try (XlsSource source = XlsSource.open(file, options)) {
                for (int r = 1; r <= 9; r++) {
                    assertThat(source.next().rowNumber()).isEqualTo(r);
                }
                assertThatThrownBy(source::next).isInstanceOfSatisfying(ImportFileException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_ROWS));
            }
            assertThat(readAll(file, SourceOptions.DEFAULT.withLimits(SourceLimits.DEFAULT.withMaxRows(10)))).hasSize(10);
        }

        @Test
        void longCellsAreCutToOneMoreThanTheLimit() throws IOException {
            Path file = workbook(wb -> {
                Row row = wb.createSheet("S").createRow(0);
                row.createCell(0).setCellValue("ç".repeat(30));
                row.createCell(1).setCellValue("kısa");
                row.createCell(2).setCellValue("x".repeat(10));
                row.createCell(3).setCellFormula("A1&\"!\"");
                HSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            });
            SourceOptions options = SourceOptions.DEFAULT.withLimits(SourceLimits.DEFAULT.withMaxCellChars(10));
            assertThat(readAll(file, options))
                    .containsExactly(record(1, "ç".repeat(11), "kısa", "x".repeat(10), "ç".repeat(11)));
        }

        @Test
        void bytesReadGrowsUpToTheFileSize() throws IOException {
            Path file = workbook(wb -> {
                Sheet sheet = wb.createSheet("S");
                for (int r = 0; r < 5000; r++) {
                    sheet.createRow(r).createCell(0).setCellValue(r);
                }
            });
            long size = Files.size(file);
            try (XlsSource source = XlsSource.open(file, SourceOptions.DEFAULT)) {
                long previous = source.bytesRead();
                assertThat(previous).isBetween(0L, size / 2);
                boolean grewMidway = false;
                while (source.next() != null) {
                    long now = source.bytesRead();
                    assertThat(now).isBetween(previous, size);
                    grewMidway |= now > previous && now < size;
                    previous = now;
                }
                assertThat(grewMidway).isTrue();
                assertThat(source.bytesRead()).isEqualTo(size);
            }
        }

        @Test
        void nextAfterTheEndAndAfterCloseIsNull() throws IOException {
            Path file = tenRows();
            XlsSource source = XlsSource.open(file, SourceOptions.DEFAULT);
            drain(source);
            assertThat(source.next()).isNull();
            source.close();
            source.close();
            assertThat(source.next()).isNull();
        }

        @Test
        void fiftyThousandRowsAreReadInASmallHeap() throws Exception {
            Path file = dir.resolve("big.xls");
            try (HSSFWorkbook wb = new HSSFWorkbook()) {
                Sheet sheet = wb.createSheet("Müşteriler");
                for (int r = 0; r < 50_000; r++) {
                    Row row = sheet.createRow(r);
                    row.createCell(0).setCellValue("Müşteri " + r);
                    row.createCell(1).setCellValue(905300000000d + r);
                    for (int c = 2; c < 10; c++) {
                        row.createCell(c).setCellValue(r * 10 + c + 0.5);
                    }
                }
                XlsFixtures.write(wb, file);
            }

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Xmx32m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), XlsReadProbe.class.getName(), file.toString())
                    .redirectErrorStream(true)
                    .start();
            String output;
            try (InputStream out = process.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();

            String line = output.lines().filter(l -> l.startsWith("records=")).findFirst().orElseThrow();
            assertThat(line).contains("records=50000 ", "last=Müşteri 49999|905300049999 ");
            long early = Long.parseLong(line.replaceAll(".* early=(\\d+) .*", "$1"));
            long end = Long.parseLong(line.replaceAll(".* end=(\\d+)$", "$1"));
            assertThat(end - early).as(line).isLessThan(4L * 1024 * 1024);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private Path workbook(Consumer<HSSFWorkbook> content) throws IOException {
        Path file = Files.createTempFile(dir, "wb", ".xls");
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            content.accept(wb);
            XlsFixtures.write(wb, file);
        }
        return file;
    }

    private static CellStyle style(HSSFWorkbook wb, String format) {
        CellStyle style = wb.createCellStyle();
        style.setDataFormat(wb.createDataFormat().getFormat(format));
        return style;
    }

    private void writeOle2(Path file, String streamName, byte[] content) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem(); OutputStream out = Files.newOutputStream(file)) {
            fs.createDocument(new ByteArrayInputStream(content), streamName);
            fs.writeFilesystem(out);
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(XlsSourceTest.class.getResource("/xls/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertUnreadable(Path file, String messagePart) {
        Throwable thrown = catchThrowable(() -> readAll(file));
        assertThat(thrown).isInstanceOfSatisfying(ImportFileException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FILE_UNREADABLE);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    static SourceRecord record(long rowNumber, String... cells) {
        return new SourceRecord(rowNumber, List.of(cells));
    }

    static List<SourceRecord> readAll(Path file) {
        return readAll(file, SourceOptions.DEFAULT);
    }

    static List<SourceRecord> readAll(Path file, SourceOptions options) {
        try (XlsSource source = XlsSource.open(file, options)) {
            return drain(source);
        }
    }

    private static List<SourceRecord> drain(RecordSource source) {
        List<SourceRecord> records = new ArrayList<>();
        SourceRecord record;
        while ((record = source.next()) != null) {
            records.add(record);
        }
        return records;
    }
}
