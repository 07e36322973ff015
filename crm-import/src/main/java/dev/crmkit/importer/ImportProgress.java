package dev.crmkit.importer;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How far a running import has got.
 *
 * @param jobId the job
 * @param rows data rows processed (committed or checked)
 * @param bytesRead bytes of the file read
 * @param totalBytes the file's size
 * @param rowsPerSecond the rate since the job started in this process
 * @param timeLeft the estimated time left from the byte rate, or {@code null} before any estimate
 */
public record ImportProgress(long jobId, long rows, long bytesRead, long totalBytes, double rowsPerSecond,
                             @Nullable Duration timeLeft) {

    /**
     * The progress of a job from its counts and the work of a measured stretch of time: the rate
     * is that stretch's rows per second, and the time left is the bytes still to read at that
     * stretch's byte rate (zero once the job has ended; {@code null} before anything was read).
     *
     * @param rows data rows processed so far
     * @param bytesRead bytes of the file read so far
     * @param totalBytes the file's size
     * @param rowsInStretch rows processed during {@code stretch}
     * @param bytesInStretch bytes read during {@code stretch}
     * @param stretch how long the measured work took
     * @param ended whether the job has ended
     */
    public static ImportProgress estimate(long jobId, long rows, long bytesRead, long totalBytes, long rowsInStretch,
                                          long bytesInStretch, Duration stretch, boolean ended) {
        double seconds = Math.max(1e-3, stretch.toNanos() / 1e9);
        double rate = rowsInStretch / seconds;
        Duration left = null;
        if (ended) {
            left = Duration.ZERO;
        } else if (bytesInStretch > 0) {
            double bytesPerSecond = bytesInStretch / seconds;
            left = Duration.ofMillis((long) (Math.max(0, totalBytes - bytesRead) / bytesPerSecond * 1000));
        }
        return new ImportProgress(jobId, rows, bytesRead, totalBytes, rate, left);
    }

    /** The share done, 0..1, by bytes. */
    public double fraction() {
        return totalBytes <= 0 ? 0 : Math.min(1.0, (double) bytesRead / totalBytes);
    }
}
