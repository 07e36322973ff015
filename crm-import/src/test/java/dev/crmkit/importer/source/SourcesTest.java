package dev.crmkit.importer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.importer.ImportFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesTest {

    @TempDir
    Path dir;

    @Test
    void anXlsNamedCsvOpensWithTheXlsReader() throws IOException {
        Path file = dir.resolve("liste.csv");
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            wb.createSheet("S").createRow(0).createCell(0).setCellValue("İsim");
            XlsFixtures.write(wb, file);
        }
        try (RecordSource source = Sources.open(file, SourceOptions.DEFAULT)) {
            assertThat(source).isInstanceOf(XlsSource.class);
            assertThat(source.info().format()).isEqualTo(SourceFormat.XLS);
            assertThat(source.next()).isEqualTo(new SourceRecord(1, List.of("İsim")));
        }
    }

    @Test
    void tooLargeComesBeforeDetection() throws IOException {
        Path file = Files.write(dir.resolve("a.pdf"), "%PDF-1.7 and much more".getBytes(StandardCharsets.US_ASCII));
        SourceOptions options = SourceOptions.DEFAULT.withLimits(SourceLimits.DEFAULT.withMaxFileBytes(10));
        assertThatThrownBy(() -> Sources.open(file, options)).isInstanceOfSatisfying(ImportFileException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_TOO_LARGE));
    }

    @Test
    void unsupportedContentIsRefused() throws IOException {
        Path file = Files.write(dir.resolve("a.csv"), "%PDF-1.7".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Sources.open(file, SourceOptions.DEFAULT)).isInstanceOfSatisfying(
                ImportFileException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_FORMAT_UNSUPPORTED));
    }

    @Test
    void anEmptyFileIsEmpty() throws IOException {
        Path file = Files.createFile(dir.resolve("bos.xls"));
        assertThatThrownBy(() -> Sources.open(file, SourceOptions.DEFAULT)).isInstanceOfSatisfying(
                ImportFileException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_EMPTY));
    }
}
