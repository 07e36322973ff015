package dev.crmkit.cli.internal;

import dev.crmkit.importer.ImportListener;
import dev.crmkit.importer.ImportProgress;
import dev.crmkit.importer.ImportReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a running import on standard error: a progress bar (share of the file read, rows, rate,
 * time left) on a terminal, a plain line every few seconds otherwise, nothing with {@code --json}.
 */
public final class ProgressDisplay implements ImportListener, AutoCloseable {

    private static final long LINE_INTERVAL_NANOS = Duration.ofSeconds(2).toNanos();
    /** An import done sooner needs no progress display at all. */
    private static final Duration QUIET_START = Duration.ofSeconds(1);

    private final String name;
    private final Output output;
    private final long quietStartNanos;
    private ProgressBar bar;
    private volatile Duration timeLeft;
    private final long started = System.nanoTime();
    private long lastLine;

    public ProgressDisplay(String name, Output output) {
        this(name, output, QUIET_START);
    }

    ProgressDisplay(String name, Output output, Duration quietStart) {
        this.name = name;
        this.output = output;
        this.quietStartNanos = quietStart.toNanos();
    }

    @Override
    public synchronized void onProgress(ImportProgress p) {
        if (output.json() || System.nanoTime() - started < quietStartNanos) {
            return;
        }
        timeLeft = p.timeLeft();
        String rows = Values.count(p.rows()) + " rows, " + Values.count(Math.round(p.rowsPerSecond())) + " rows/s";
        if (output.terminal()) {
            if (bar == null) {
                bar = new ProgressBarBuilder()
                        .setTaskName(name)
                        .setInitialMax(Math.max(1, p.totalBytes()))
                        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                        .setConsumer(new InteractiveConsoleProgressBarConsumer(output.err()))
                        .setUnit(" MB", 1 << 20)
                        .setUpdateIntervalMillis(250)
                        .setEtaFunction(state -> Optional.ofNullable(timeLeft))
                        .build();
            }
            bar.stepTo(Math.min(p.bytesRead(), Math.max(1, p.totalBytes())));
            bar.setExtraMessage(rows);
        } else {
            long now = System.nanoTime();
            if (lastLine == 0 || now - lastLine >= LINE_INTERVAL_NANOS) {
                lastLine = now;
                PrintStream err = output.err();
                err.println(name + ": " + rows + ", " + Math.round(p.fraction() * 100) + "% read"
                        + (p.timeLeft() == null ? "" : ", " + human(p.timeLeft()) + " left"));
                err.flush();
            }
        }
    }

    @Override
    public synchronized void onFinished(ImportReport report) {
        close();
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.stepTo(bar.getMax());
            bar.close();
            bar = null;
        }
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s / 60 % 60) + " min";
    }
}
