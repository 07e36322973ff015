package dev.crmkit.core.importjob;

/** The life of an import job: QUEUED (Kuyrukta) to RUNNING (İşleniyor) to one of the final states. */
public enum JobStatus {
    QUEUED,
    RUNNING,
    /** Tamamlandı. */
    COMPLETED,
    /** Başarısız: a file-level error, a storage failure, or rejected rows in atomic mode. */
    FAILED,
    CANCELLED;

    /** Whether the job has ended and will not change any more (except by undo). */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /**
     * Whether a job in this status may next be in {@code next}: the one table of a job's life.
     * QUEUED becomes RUNNING when claimed or CANCELLED; RUNNING ends as COMPLETED, FAILED or
     * CANCELLED; an ended job stays as it is. Staying in the same status (progress, a renewed or
     * taken-over lease, undo of an ended job) is always allowed. Anything else is a bug.
     */
    public boolean canBecome(JobStatus next) {
        if (next == this) {
            return true;
        }
        return switch (this) {
            case QUEUED -> next == RUNNING || next == CANCELLED;
            case RUNNING -> next.isFinal();
            case COMPLETED, FAILED, CANCELLED -> false;
        };
    }
}
