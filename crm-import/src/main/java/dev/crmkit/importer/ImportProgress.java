package dev.crmkit.importer;

import java.time.Duration;

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
                             Duration timeLeft) {

    /** The share done, 0..1, by bytes. */
    public double fraction() {
        return totalBytes <= 0 ? 0 : Math.min(1.0, (double) bytesRead / totalBytes);
    }
}
