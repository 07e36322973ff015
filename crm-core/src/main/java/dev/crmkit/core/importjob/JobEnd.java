package dev.crmkit.core.importjob;

import dev.crmkit.core.ErrorCode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a worker ends a job ({@link ImportWorker#finish}): its final status, and for a failure its
 * code, its message and what becomes of the rows its earlier chunks stored. The worker that met
 * the failure says which: it knows whether the file itself was bad (nothing of it may stay) or
 * the failure came from elsewhere (what was committed stays, and undo can remove it). An atomic
 * job's writes are reverted on any failure.
 *
 * @param status COMPLETED or FAILED
 * @param code the failure's code; {@code null} for COMPLETED
 * @param message the failure's message for people; {@code null} for COMPLETED
 * @param revertWrites whether the customers the job wrote are removed and its updates reverted
 */
public record JobEnd(JobStatus status, @Nullable ErrorCode code, @Nullable String message, boolean revertWrites) {

    public JobEnd {
        Objects.requireNonNull(status, "status");
        if (status == JobStatus.COMPLETED) {
            if (code != null || message != null || revertWrites) {
                throw new IllegalArgumentException("a completed job has no failure");
            }
        } else if (status == JobStatus.FAILED) {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        } else {
            throw new IllegalArgumentException("a worker ends a job as COMPLETED or FAILED, not " + status);
        }
    }

    /** Every row was read and every chunk committed. */
    public static JobEnd completed() {
        return new JobEnd(JobStatus.COMPLETED, null, null, false);
    }

    /**
     * The file turned out unusable on the way (unreadable, too many rows, changed since it was
     * submitted; or, for an atomic job, invalid rows): the job stores nothing, so what earlier
     * chunks wrote is reverted.
     */
    public static JobEnd fileFailed(ErrorCode code, String message) {
        return new JobEnd(JobStatus.FAILED, code, message, true);
    }

    /** A failure that is not the file's: the committed chunks stay (an atomic job's are reverted). */
    public static JobEnd failed(ErrorCode code, String message) {
        return new JobEnd(JobStatus.FAILED, code, message, false);
    }
}
