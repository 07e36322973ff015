package dev.crmkit.importer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.importer.ImportFileException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatDetectorTest {

    private static final String CSV = "İsim;Telefon;Şirket\nAyşe Yılmaz;0530 123 45 67;Işık Ltd\n";

    @TempDir
    Path dir;

    @Nested
    class Csv {

        @Test
        void aCsvNamedXlsIsCsv() throws IOException {
            assertThat(detect(write("musteriler.xls", CSV.getBytes(StandardCharsets.UTF_8)))).isEqualTo(SourceFormat.CSV);
        }

        @Test
        void utf8WithBom() throws IOException {
            assertThat(detect(write("a.csv", withBom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, CSV,
                    StandardCharsets.UTF_8)))).isEqualTo(SourceFormat.CSV);
        }

        @Test
        void utf16WithBomIsTextDespiteItsNulBytes() throws IOException {
            Path le = write("le.csv", withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, CSV, StandardCharsets.UTF_16LE));
            Path be = write("be.txt", withBom(new byte[] {(byte) 0xFE, (byte) 0xFF}, CSV, StandardCharsets.UTF_16BE));
            assertThat(detect(le)).isEqualTo(SourceFormat.CSV);
            assertThat(detect(be)).isEqualTo(SourceFormat.CSV);
        }

        @Test
        void windows1254Text() throws IOException {
            assertThat(detect(write("tr.csv", CSV.getBytes(Charset.forName("windows-1254"))))).isEqualTo(SourceFormat.CSV);
        }

        @Test
        void oneCharacterAndAFewStrayControlCharacters() throws IOException {
            assertThat(detect(write("one.csv", new byte[] {'a'}))).isEqualTo(SourceFormat.CSV);
            byte[] text = (CSV + "\u0001x;\u0002y\n\u001A").getBytes(StandardCharsets.UTF_8);
            assertThat(detect(write("ctl.csv", text))).isEqualTo(SourceFormat.CSV);
        }

        @Test
        void textLongerThanTheSample() throws IOException {
            assertThat(detect(write("long.csv", CSV.repeat(2000).getBytes(StandardCharsets.UTF_8))))
                    .isEqualTo(SourceFormat.CSV);
        }
    }

    @Nested
    class Spreadsheets {

        @Test
        void anXlsxNamedCsvIsXlsx() throws IOException {
            Path file = dir.resolve("musteriler.csv");
            try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
                wb.createSheet("Müşteriler").createRow(0).createCell(0).setCellValue("İsim");
                wb.write(out);
            }
            assertThat(detect(file)).isEqualTo(SourceFormat.XLSX);
        }

        @Test
        void anXlsNamedCsvIsXls() throws IOException {
            Path file = dir.resolve("musteriler.csv");
            try (HSSFWorkbook wb = new HSSFWorkbook()) {
                wb.createSheet("Müşteriler").createRow(0).createCell(0).setCellValue("İsim");
                XlsFixtures.write(wb, file);
            }
            assertThat(detect(file)).isEqualTo(SourceFormat.XLS);
        }

        @Test
        void aPasswordProtectedXlsIsStillXlsForTheReaderToRefuse() throws IOException {
            Path file = dir.resolve("gizli.xls");
            XlsFixtures.writeProtected(file);
            assertThat(detect(file)).isEqualTo(SourceFormat.XLS);
        }

        @Test
        void anExcel95WorkbookIsXlsForTheReaderToRefuse() throws IOException {
            assertThat(detect(ole2("eski.xls", "Book"))).isEqualTo(SourceFormat.XLS);
        }

        @Test
        void aMinimalZipWithContentTypesAndAnXlPartIsXlsx() throws IOException {
            Path file = zip("min.bin", "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml");
            assertThat(detect(file)).isEqualTo(SourceFormat.XLSX);
        }

        @Test
        void aTruncatedXlsxIsStillRecognised() throws IOException {
            Path full = zip("full.xlsx", "[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml");
            byte[] bytes = Files.readAllBytes(full);
            Path cut = write("cut.xlsx", Arrays.copyOf(bytes, bytes.length - 40));
            assertThat(detect(cut)).isEqualTo(SourceFormat.XLSX);
        }

        @Test
        void aTruncatedOfficeZipWithoutWorkbookPartsIsUnreadable() throws IOException {
            Path full = zip("full.xlsx", "[Content_Types].xml", "_rels/.rels");
            byte[] bytes = Files.readAllBytes(full);
            assertFails(write("cut.xlsx", Arrays.copyOf(bytes, bytes.length - 30)), ErrorCode.FILE_UNREADABLE, "damaged");
        }

        @Test
        void aTruncatedOle2FileIsUnreadable() throws IOException {
            Path file = dir.resolve("full.xls");
            try (HSSFWorkbook wb = new HSSFWorkbook()) {
                wb.createSheet("S").createRow(0).createCell(0).setCellValue("x");
                XlsFixtures.write(wb, file);
            }
            byte[] bytes = Files.readAllBytes(file);
            assertFails(write("cut.xls", Arrays.copyOf(bytes, 600)), ErrorCode.FILE_UNREADABLE, "damaged");
        }

        @Test
        void anEncryptedXlsxIsUnreadableForItsPassword() throws IOException {
            assertFails(ole2("gizli.xlsx", "EncryptionInfo", "EncryptedPackage"), ErrorCode.FILE_UNREADABLE, "password");
        }

        @Test
        void anExcel4WorkbookIsUnreadable() throws IOException {
            byte[] biff4 = {0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00};
            assertFails(write("excel4.xls", biff4), ErrorCode.FILE_UNREADABLE, "Excel 2.x-4.0");
        }
    }

    @Nested
    class Unsupported {

        @Test
        void pdf() throws IOException {
            byte[] pdf = "%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1);
            assertFails(write("musteriler.csv", pdf), ErrorCode.FILE_FORMAT_UNSUPPORTED, "PDF");
        }

        @Test
        void png() throws IOException {
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
            assertFails(write("logo.xlsx", png), ErrorCode.FILE_FORMAT_UNSUPPORTED, "PNG");
        }

        @Test
        void jpegAndGif() throws IOException {
            assertFails(write("a.csv", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10}),
                    ErrorCode.FILE_FORMAT_UNSUPPORTED, "JPEG");
            assertFails(write("b.csv", "GIF89a,;".getBytes(StandardCharsets.US_ASCII)),
                    ErrorCode.FILE_FORMAT_UNSUPPORTED, "GIF");
        }

        @Test
        void elfAndGzip() throws IOException {
            assertFails(write("a.csv", new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0}), ErrorCode.FILE_FORMAT_UNSUPPORTED, "");
            assertFails(write("b.csv", new byte[] {0x1F, (byte) 0x8B, 8, 0}), ErrorCode.FILE_FORMAT_UNSUPPORTED, "gzip");
        }

        @Test
        void aDocx() throws IOException {
            Path file = zip("rapor.xlsx", "[Content_Types].xml", "_rels/.rels", "word/document.xml");
            assertFails(file, ErrorCode.FILE_FORMAT_UNSUPPORTED, "Word");
        }

        @Test
        void aPlainZip() throws IOException {
            assertFails(zip("arsiv.xlsx", "musteriler.csv", "xl/notes.txt"), ErrorCode.FILE_FORMAT_UNSUPPORTED, "zip");
        }

        @Test
        void anEmptyZip() throws IOException {
            assertFails(zip("bos.xlsx"), ErrorCode.FILE_FORMAT_UNSUPPORTED, "zip");
        }

        @Test
        void anXlsbAndAnOds() throws IOException {
            assertFails(zip("a.xlsx", "[Content_Types].xml", "xl/workbook.bin"), ErrorCode.FILE_FORMAT_UNSUPPORTED, "xlsb");
            assertFails(zip("b.xlsx", "mimetype", "content.xml"), ErrorCode.FILE_FORMAT_UNSUPPORTED, "OpenDocument");
        }

        @Test
        void aWordDoc() throws IOException {
            assertFails(ole2("mektup.xls", "WordDocument"), ErrorCode.FILE_FORMAT_UNSUPPORTED, "Word");
        }

        @Test
        void randomBinary() throws IOException {
            byte[] bytes = new byte[20_000];
            new Random(42).nextBytes(bytes);
            bytes[0] = 'a';
            assertFails(write("veri.csv", bytes), ErrorCode.FILE_FORMAT_UNSUPPORTED, "binary");
        }

        @Test
        void binaryWithoutNulBytes() throws IOException {
            byte[] bytes = new byte[4000];
            Random random = new Random(1);
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (1 + random.nextInt(255));
            }
            assertFails(write("veri.csv", bytes), ErrorCode.FILE_FORMAT_UNSUPPORTED, "binary");
        }

        @Test
        void utf16WithoutBomIsBinary() throws IOException {
            assertFails(write("le.csv", CSV.getBytes(StandardCharsets.UTF_16LE)), ErrorCode.FILE_FORMAT_UNSUPPORTED, "");
        }

        @Test
        void htmlAndXmlSpreadsheetsNamedXls() throws IOException {
            String html = "<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><body><table><tr><td>İsim</td>";
            assertFails(write("a.xls", html.getBytes(StandardCharsets.UTF_8)), ErrorCode.FILE_FORMAT_UNSUPPORTED, "HTML");
            String xml = "<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n"
                    + "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">";
            assertFails(write("b.xls", xml.getBytes(StandardCharsets.UTF_8)), ErrorCode.FILE_FORMAT_UNSUPPORTED, "2003 XML");
        }
    }

    @Test
    void anEmptyFileIsEmpty() throws IOException {
        assertFails(write("bos.csv", new byte[0]), ErrorCode.FILE_EMPTY, "empty");
    }

    @Test
    void aMissingFileIsUnreadable() {
        assertFails(dir.resolve("yok.csv"), ErrorCode.FILE_UNREADABLE, "");
    }

    // ---------------------------------------------------------------------------------------------

    private static SourceFormat detect(Path file) {
        return FormatDetector.detect(file);
    }

    private static void assertFails(Path file, ErrorCode code, String messagePart) {
        assertThatThrownBy(() -> FormatDetector.detect(file)).isInstanceOfSatisfying(ImportFileException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] withBom(byte[] bom, String text, Charset charset) {
        byte[] body = text.getBytes(charset);
        byte[] all = Arrays.copyOf(bom, bom.length + body.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        return all;
    }

    private Path zip(String name, String... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(("<x>" + entry + "</x>").getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return write(name, bytes.toByteArray());
    }

    private Path ole2(String name, String... streams) throws IOException {
        Path file = dir.resolve(name);
        try (POIFSFileSystem fs = new POIFSFileSystem(); OutputStream out = Files.newOutputStream(file)) {
            for (String stream : streams) {
                fs.createDocument(new ByteArrayInputStream(new byte[128]), stream);
            }
            fs.writeFilesystem(out);
        }
        return file;
    }
}
