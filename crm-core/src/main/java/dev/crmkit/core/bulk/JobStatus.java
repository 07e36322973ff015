package dev.crmkit.core.bulk;

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
}
