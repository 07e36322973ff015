package dev.crmkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.importer.ImportProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Output output(boolean json, boolean terminal) {
        return new Output(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), json, terminal);
    }

    private static ImportProgress progress(long rows, long bytesRead) {
        return new ImportProgress(7, rows, bytesRead, 4L << 20, 12_345.6, Duration.ofSeconds(75));
    }

    @Test
    void onATerminalABarShowsTheShareReadRowsRateAndTimeLeft() {
        try (ProgressDisplay display = new ProgressDisplay("müşteriler.csv", output(false, true), Duration.ZERO)) {
            display.onProgress(progress(10_000, 1L << 20));
            display.onProgress(progress(20_000, 2L << 20));
        }
        String shown = err.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("müşteriler.csv", "20,000 rows", "12,346 rows/s", "\r");
        assertThat(shown).as("the time left the importer estimated").contains("0:01:15");
        assertThat(out.size()).as("progress never goes to standard output").isZero();
    }

    @Test
    void offATerminalPlainLinesAtMostEveryTwoSeconds() {
        try (ProgressDisplay display = new ProgressDisplay("a.csv", output(false, false), Duration.ZERO)) {
            display.onProgress(progress(10_000, 1L << 20));
            display.onProgress(progress(20_000, 2L << 20));
        }
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly("a.csv: 10,000 rows, 12,346 rows/s, 25% read, 1 min 15 s left");
    }

    @Test
    void withJsonNothingAtAll() {
        try (ProgressDisplay display = new ProgressDisplay("a.csv", output(true, true), Duration.ZERO)) {
            display.onProgress(progress(10_000, 1L << 20));
        }
        assertThat(err.size() + out.size()).isZero();
    }

    @Test
    void aShortImportShowsNothing() {
        try (ProgressDisplay display = new ProgressDisplay("a.csv", output(false, false), Duration.ofMinutes(1))) {
            display.onProgress(progress(10_000, 1L << 20));
        }
        assertThat(err.size()).isZero();
    }
}
