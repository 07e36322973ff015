package dev.crmkit.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.bulk.JobStatus;
import dev.crmkit.core.bulk.RowError;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's first command imports the shipped sample; this runs the same code on it. */
class ImportDemoTest {

    @Test
    void theShippedSampleImportsWithItsDeliberateMistakesReported() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImportReport report = ImportDemo.run(Path.of("..", "examples", "musteriler.csv"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(report.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(report.rows()).isEqualTo(9);
        assertThat(report.created()).isEqualTo(5);
        assertThat(report.rejected()).isEqualTo(4);
        assertThat(report.job().encoding()).isEqualTo("windows-1254");
        assertThat(report.errors()).extracting(RowError::row, RowError::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple(6L, ErrorCode.EMAIL_INVALID),
                org.assertj.core.groups.Tuple.tuple(7L, ErrorCode.NAME_REQUIRED),
                org.assertj.core.groups.Tuple.tuple(8L, ErrorCode.DUPLICATE_IN_FILE),
                org.assertj.core.groups.Tuple.tuple(9L, ErrorCode.PHONE_INVALID),
                org.assertj.core.groups.Tuple.tuple(9L, ErrorCode.SEGMENT_UNKNOWN));
        assertThat(out).contains("musteriler.csv: COMPLETED, 9 rows, 5 created, 4 rejected (encoding windows-1254, "
                + "delimiter ';')", "Ayşe Yılmaz  +905301234567  İstanbul Lojistik  VIP");
    }
}
